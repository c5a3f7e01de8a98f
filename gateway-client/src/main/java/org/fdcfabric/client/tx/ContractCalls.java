package org.fdcfabric.client.tx;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.CommitFailed;
import org.fdcfabric.client.CommitUnknown;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.ResponseUnreadable;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.client.Commit;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Calls the transactions of one contract with this library's retry policy and error mapping, and decodes their
 * canonical-JSON results into records. The typed clients are thin layers over it.
 *
 * <p>Submit: a proposal is endorsed, submitted, and its commit status awaited. An MVCC or phantom read conflict
 * starts over with a new proposal (new transaction id) after a backoff, up to the policy's bound. A submit or
 * commit-status call that times out is never re-proposed (the first transaction may still commit): the same
 * transaction id's status is polled instead. A chaincode error is never retried.
 */
public final class ContractCalls {
    private final Gateway gateway;
    private final Contract contract;
    private final String channel;
    private final RetryPolicy policy;
    private final CallDeadlines deadlines;
    private final ErrorMapper errors;

    /**
     * @param endpoint the gateway's address, for error messages
     */
    public ContractCalls(
            Gateway gateway,
            String channel,
            Contract contract,
            RetryPolicy policy,
            CallDeadlines deadlines,
            String endpoint) {
        this.gateway = Objects.requireNonNull(gateway);
        this.channel = Objects.requireNonNull(channel);
        this.contract = Objects.requireNonNull(contract);
        this.policy = Objects.requireNonNull(policy);
        this.deadlines = Objects.requireNonNull(deadlines);
        this.errors = new ErrorMapper(endpoint);
    }

    /** The raw answer of an evaluation, for contracts that answer in protobuf (the peer's system chaincodes). */
    public byte[] evaluateBytes(String transaction, String... args) throws FdcClientException {
        return evaluateRaw(transaction, args);
    }

    public <T> T evaluate(String transaction, Class<T> type, String... args) throws FdcClientException {
        return decode(transaction, evaluateRaw(transaction, args), reader(type), type.getSimpleName());
    }

    public <T> T evaluate(String transaction, TypeReference<T> type, String... args) throws FdcClientException {
        return decode(
                transaction, evaluateRaw(transaction, args), json -> CanonicalJson.read(json, type), typeName(type));
    }

    /**
     * Evaluates a lookup whose chaincode answers {@code notFoundCode} for an absent value: empty then, the value
     * otherwise; any other refusal is thrown.
     */
    public <T> Optional<T> find(String transaction, Class<T> type, ErrorCode notFoundCode, String... args)
            throws FdcClientException {
        return find(transaction, type, Set.of(notFoundCode), args);
    }

    /** As {@link #find(String, Class, ErrorCode, String...)} with several codes that mean "absent". */
    public <T> Optional<T> find(String transaction, Class<T> type, Set<ErrorCode> notFoundCodes, String... args)
            throws FdcClientException {
        try {
            return Optional.of(evaluate(transaction, type, args));
        } catch (ChaincodeRejected e) {
            if (notFoundCodes.stream().anyMatch(code -> code.is(e.code()))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public <T> Committed<T> submit(String transaction, Class<T> type, String... args) throws FdcClientException {
        Committed<byte[]> raw = submitRaw(transaction, args);
        T value = decode(transaction, raw.value(), reader(type), type.getSimpleName());
        return new Committed<>(value, raw.transactionId(), raw.blockNumber(), raw.attempts());
    }

    public <T> Committed<T> submit(String transaction, TypeReference<T> type, String... args)
            throws FdcClientException {
        Committed<byte[]> raw = submitRaw(transaction, args);
        T value = decode(transaction, raw.value(), json -> CanonicalJson.read(json, type), typeName(type));
        return new Committed<>(value, raw.transactionId(), raw.blockNumber(), raw.attempts());
    }

    /**
     * Evaluations and endorsements change nothing, so one that got no answer in time (a gateway slowed by a loaded
     * machine) is asked again, with backoff, up to the policy's attempts; only then does the deadline error reach
     * the caller.
     */
    private byte[] evaluateRaw(String transaction, String... args) throws FdcClientException {
        for (int attempt = 1; ; attempt++) {
            Proposal proposal =
                    contract.newProposal(transaction).addArguments(args).build();
            try {
                return proposal.evaluate();
            } catch (GatewayException e) {
                if (!retryableSlowness(e, attempt)) {
                    throw errors.proposalFailed(qualified(transaction), e, deadlines, false);
                }
            }
        }
    }

    private boolean retryableSlowness(GatewayException e, int attempt) {
        return ErrorMapper.isTimeoutOrUnavailable(e)
                && e.getDetails().isEmpty()
                && attempt < policy.maxAttempts()
                && sleep(policy.backoffBefore(attempt + 1));
    }

    private Committed<byte[]> submitRaw(String transaction, String... args) throws FdcClientException {
        String name = qualified(transaction);
        for (int attempt = 1; ; attempt++) {
            Transaction endorsed = endorse(name, transaction, args);
            Status status = submitAndAwait(name, endorsed);
            if (status.isSuccessful()) {
                return new Committed<>(
                        endorsed.getResult(), status.getTransactionId(), status.getBlockNumber(), attempt);
            }
            if (!isReadConflict(status.getCode()) || attempt >= policy.maxAttempts()) {
                throw new CommitFailed(
                        name, status.getTransactionId(), status.getCode(), status.getBlockNumber(), attempt);
            }
            pause(policy.backoffBefore(attempt + 1), name, status, attempt);
        }
    }

    private Transaction endorse(String name, String transaction, String... args) throws FdcClientException {
        for (int attempt = 1; ; attempt++) {
            try {
                return contract.newProposal(transaction)
                        .addArguments(args)
                        .build()
                        .endorse();
            } catch (EndorseException e) {
                if (!retryableSlowness(e, attempt)) {
                    throw errors.proposalFailed(name, e, deadlines, true);
                }
            }
        }
    }

    private Status submitAndAwait(String name, Transaction endorsed) throws FdcClientException {
        String txId = endorsed.getTransactionId();
        Commit commit;
        try {
            commit = endorsed.submitAsync();
        } catch (SubmitException e) {
            // Node details mean the gateway answered for its orderers: the envelope was not ordered.
            if (!ErrorMapper.isTimeoutOrUnavailable(e) || !e.getDetails().isEmpty()) {
                throw errors.submitFailed(name, txId, e);
            }
            // The orderer may have received it: only its commit status can say, so ask for it.
            commit = gateway.newCommit(unsignedStatusRequest(txId));
        }
        CommitStatusException last = null;
        for (int poll = 1; poll <= policy.commitStatusPolls(); poll++) {
            try {
                return commit.getStatus();
            } catch (CommitStatusException e) {
                if (!ErrorMapper.isTimeoutOrUnavailable(e)) {
                    throw new CommitUnknown(
                            name, txId, "the commit status query failed: " + ErrorMapper.describe(e), e);
                }
                last = e;
                if (poll < policy.commitStatusPolls() && !sleep(policy.backoffBefore(poll + 1))) {
                    break;
                }
            }
        }
        throw new CommitUnknown(
                name,
                txId,
                "no commit status after " + policy.commitStatusPolls() + " queries of up to "
                        + deadlines.commitStatus().toSeconds() + " s (" + ErrorMapper.describe(last) + ")",
                last);
    }

    private byte[] unsignedStatusRequest(String txId) {
        Identity identity = gateway.getIdentity();
        ByteString creator = SerializedIdentity.newBuilder()
                .setMspid(identity.getMspId())
                .setIdBytes(ByteString.copyFrom(identity.getCredentials()))
                .build()
                .toByteString();
        CommitStatusRequest request = CommitStatusRequest.newBuilder()
                .setChannelId(channel)
                .setTransactionId(txId)
                .setIdentity(creator)
                .build();
        return SignedCommitStatusRequest.newBuilder()
                .setRequest(request.toByteString())
                .build()
                .toByteArray();
    }

    private static boolean isReadConflict(TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

    private static void pause(Duration delay, String name, Status status, int attempts) throws CommitFailed {
        if (!sleep(delay)) {
            throw new CommitFailed(
                    name, status.getTransactionId(), status.getCode(), status.getBlockNumber(), attempts);
        }
    }

    /** Sleeps; false when interrupted (the interrupt flag is kept for the caller's caller). */
    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String qualified(String transaction) {
        return contract.getContractName().map(c -> c + ":" + transaction).orElse(transaction);
    }

    private static String typeName(TypeReference<?> type) {
        return type.getType().getTypeName().replaceAll("[a-z0-9_]+\\.", "");
    }

    private interface Reader<T> {
        T read(String json);
    }

    /** {@code Void} stands for a transaction that returns nothing; its (empty) payload is not read. */
    private static <T> Reader<T> reader(Class<T> type) {
        return type == Void.class ? json -> null : json -> CanonicalJson.read(json, type);
    }

    private <T> T decode(String transaction, byte[] payload, Reader<T> reader, String expected)
            throws ResponseUnreadable {
        try {
            return reader.read(new String(payload, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            throw new ResponseUnreadable(qualified(transaction), expected, e);
        }
    }
}
