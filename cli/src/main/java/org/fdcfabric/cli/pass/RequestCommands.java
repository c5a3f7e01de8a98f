package org.fdcfabric.cli.pass;

import java.util.HexFormat;
import java.util.List;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.TimeSpec;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.request.RequestRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fdc request}: collaboration requests, signed by the data user. */
@Command(
        name = "request",
        description = "Submit signed collaboration requests.",
        subcommands = {RequestCommands.Submit.class})
public final class RequestCommands {

    @Command(
            name = "submit",
            description =
                    "Build a collaboration request, sign it with your identity's key and submit it (pass:RequestAccess).")
    static final class Submit extends ClientCommand {
        @Option(
                names = "--dataset",
                required = true,
                paramLabel = "<dataset-id>",
                description = "A dataset to use (repeat for several).")
        List<String> datasets;

        @Option(names = "--purpose", required = true, paramLabel = "<text>")
        String purpose;

        @Option(
                names = "--computation",
                required = true,
                paramLabel = "<text>",
                description = "For example federated-logistic-regression.")
        String computation;

        @Option(names = "--max-rounds", required = true, paramLabel = "<n>")
        int maxRounds;

        @Option(
                names = "--expires",
                defaultValue = "30d",
                paramLabel = "<when>",
                description = "ISO instant or time from now (default: ${DEFAULT-VALUE}).")
        String expires;

        @Option(names = "--id", paramLabel = "<request-id>", description = "Request id (default: a random req-... id).")
        String requestId;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            var context = context();
            HexFormat hex = HexFormat.of();
            byte[] idBytes = new byte[8];
            byte[] nonce = new byte[32];
            context.random().nextBytes(idBytes);
            context.random().nextBytes(nonce);
            CollaborationRequest request = new CollaborationRequest(
                    requestId == null ? "req-" + hex.formatHex(idBytes) : requestId,
                    connection.identity().mspId(),
                    datasets,
                    purpose,
                    computation,
                    maxRounds,
                    TimeSpec.parse(expires, context.clock(), RequestRules.INVALID_EXPIRY, "--expires"),
                    hex.formatHex(nonce));
            RequestRules.validate(request);
            byte[] signature = Signatures.sign(connection.identity().privateKey(), request.canonicalBytes());
            Committed<RequestRecord> committed = connection.passes().requestAccess(request, signature);
            out.committed(committed, PassView.request(committed.value()));
        }
    }
}
