package org.fdcfabric.cli.pass;

import java.util.HexFormat;
import java.util.List;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.TimeSpec;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.request.RequestRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fdc request}: collaboration requests, signed by the data user. */
@Command(
        name = "request",
        description = "Submit signed collaboration requests; list them, or the ones waiting for your decision.",
        subcommands = {RequestCommands.Submit.class, RequestCommands.ListRequests.class})
public final class RequestCommands {

    @Command(
            name = "list",
            description = "Every collaboration request with its decisions; with --pending, the requests naming one of"
                    + " your organisation's datasets that wait for your decision (not expired), one line per dataset.")
    static final class ListRequests extends ClientCommand {
        @Option(names = "--pending", description = "Only what waits for your organisation's decision.")
        boolean pending;

        /** What {@code --json} prints with {@code --pending}. */
        record PendingList(String ownerMsp, List<Inbox.Pending> pending) {}

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            List<RequestRecord> requests = Inbox.requests(connection);
            if (!pending) {
                Output.Fields human = Output.fields(requests.size() + " request" + (requests.size() == 1 ? "" : "s"));
                for (RequestRecord record : requests) {
                    var r = record.request();
                    human.then(String.format(
                            "  %-24s %-14s %d datasets, %d decided  expires %s  %s",
                            r.requestId(),
                            r.dataUserMsp(),
                            r.datasetIds().size(),
                            record.decisions().size(),
                            r.expiresAt(),
                            r.purpose()));
                }
                out.print(new org.fdcfabric.protocol.pass.RequestPage(requests, ""), human);
                return;
            }
            String msp = connection.identity().mspId();
            List<Inbox.Pending> waiting = Inbox.pending(
                    requests,
                    Inbox.datasetsOf(connection, msp),
                    context().clock().instant());
            Output.Fields human = Output.fields(waiting.size() + " request" + (waiting.size() == 1 ? "" : "s")
                    + " waiting for " + msp + "'s decision");
            for (Inbox.Pending p : waiting) {
                human.then(String.format(
                        "  %-24s %-20s from %-14s %d rounds, expires %s  %s (%s)",
                        p.requestId(),
                        p.datasetId(),
                        p.dataUserMsp(),
                        p.maxRounds(),
                        p.expiresAt(),
                        p.purpose(),
                        p.computation()));
            }
            if (!waiting.isEmpty()) {
                human.then("grant with: fdc pass grant <request-id> <dataset-id> ...; refuse with: fdc pass deny");
            }
            out.print(new PendingList(msp, waiting), human);
        }
    }

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
                    TimeSpec.parse(expires, context.clock(), ErrorCode.INVALID_EXPIRY, "--expires"),
                    hex.formatHex(nonce));
            RequestRules.validate(request);
            byte[] signature = Signatures.sign(connection.identity().privateKey(), request.canonicalBytes());
            Committed<RequestRecord> committed = connection.passes().requestAccess(request, signature);
            out.committed(committed, PassView.request(committed.value()));
        }
    }
}
