package org.fdcfabric.client.tx;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.EndorsementFailed;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.NodeError;
import org.fdcfabric.client.SubmitFailed;
import org.fdcfabric.client.Unreachable;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Turns the Gateway SDK's gRPC-status exceptions into this library's exceptions. The Fabric gateway reports a
 * chaincode error as {@code chaincode response <status>, <message>} in the status or in a node's error detail; our
 * chaincodes start that message with their error code ({@code CODE: text}).
 */
final class ErrorMapper {
    private static final Pattern CHAINCODE_RESPONSE =
            Pattern.compile("chaincode response (\\d{3}), (.*)", Pattern.DOTALL);
    private static final Pattern CODED_MESSAGE = Pattern.compile("([A-Z][A-Z0-9_]{1,63}): (.*)", Pattern.DOTALL);

    private final String endpoint;

    ErrorMapper(String endpoint) {
        this.endpoint = endpoint;
    }

    /** A failed evaluate or endorse: the chaincode's refusal, an unreachable gateway, or a refused proposal. */
    FdcClientException proposalFailed(
            String transaction, GatewayException e, CallDeadlines deadlines, boolean endorse) {
        Optional<ChaincodeRejected> rejected = chaincodeRejection(transaction, e);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            long seconds = (endorse ? deadlines.endorse() : deadlines.evaluate()).toSeconds();
            return new Unreachable(endpoint, "no answer to " + transaction + " within " + seconds + " s", e);
        }
        if (code == Status.Code.UNAVAILABLE) {
            return new Unreachable(endpoint, unavailableReason(e), e);
        }
        return new EndorsementFailed(transaction, describe(e), nodes(e), e);
    }

    FdcClientException submitFailed(String transaction, String transactionId, GatewayException e) {
        return new SubmitFailed(transaction, transactionId, describe(e), nodes(e), e);
    }

    static boolean isTimeoutOrUnavailable(GatewayException e) {
        Status.Code code = e.getStatus().getCode();
        return code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.UNAVAILABLE;
    }

    Optional<ChaincodeRejected> chaincodeRejection(String transaction, GatewayException e) {
        List<String> texts = new ArrayList<>();
        texts.add(e.getStatus().getDescription());
        for (ErrorDetail d : e.getDetails()) {
            texts.add(d.getMessage());
        }
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher response = CHAINCODE_RESPONSE.matcher(text);
            if (response.find()) {
                return Optional.of(rejection(transaction, response.group(2).strip(), e));
            }
        }
        return Optional.empty();
    }

    private static ChaincodeRejected rejection(String transaction, String message, Throwable cause) {
        Matcher coded = CODED_MESSAGE.matcher(message);
        if (coded.matches()) {
            return new ChaincodeRejected(transaction, coded.group(1), coded.group(2), cause);
        }
        return new ChaincodeRejected(transaction, ChaincodeRejected.UNCLASSIFIED, message, cause);
    }

    private static String unavailableReason(GatewayException e) {
        StringBuilder reason = new StringBuilder(describe(e));
        for (Throwable c = e.getStatus().getCause(); c != null; c = c.getCause()) {
            if (c.getMessage() != null && !reason.toString().contains(c.getMessage())) {
                reason.append(" (").append(c.getMessage()).append(')');
                break;
            }
        }
        return reason.toString() + NodeError.describe(nodes(e));
    }

    static String describe(GatewayException e) {
        Status status = e.getStatus();
        String description = status.getDescription();
        return status.getCode().name() + (description == null || description.isBlank() ? "" : ": " + description);
    }

    static List<NodeError> nodes(GatewayException e) {
        return e.getDetails().stream()
                .map(d -> new NodeError(d.getAddress(), d.getMspId(), d.getMessage()))
                .toList();
    }
}
