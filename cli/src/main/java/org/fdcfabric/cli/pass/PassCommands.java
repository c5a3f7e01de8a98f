package org.fdcfabric.cli.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.cli.TimeSpec;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fdc pass}: dataset owners' decisions on collaboration requests. */
@Command(
        name = "pass",
        description = "Grant, deny, revoke and show access passes.",
        subcommands = {
            PassCommands.Grant.class,
            PassCommands.Deny.class,
            PassCommands.Revoke.class,
            PassCommands.Show.class,
            PassCommands.ListPasses.class
        })
public final class PassCommands {

    @Command(name = "grant", description = "Grant a request for one of your datasets.")
    static final class Grant extends ClientCommand {
        @Parameters(index = "0", paramLabel = "<request-id>")
        String requestId;

        @Parameters(index = "1", paramLabel = "<dataset-id>")
        String datasetId;

        @Option(
                names = "--expires",
                required = true,
                paramLabel = "<when>",
                description = "ISO instant or time from now (90m, 12h, 30d).")
        String expires;

        @Option(
                names = "--rounds",
                required = true,
                paramLabel = "<n>",
                description = "Training rounds allowed (at most the request's).")
        long rounds;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<AccessPass> committed = connection
                    .passes()
                    .grant(
                            requestId,
                            datasetId,
                            TimeSpec.parse(expires, context().clock(), ErrorCode.INVALID_EXPIRY, "--expires"),
                            rounds);
            out.committed(committed, PassView.pass(committed.value()));
        }
    }

    @Command(name = "deny", description = "Refuse a request for one of your datasets.")
    static final class Deny extends ClientCommand {
        @Parameters(index = "0", paramLabel = "<request-id>")
        String requestId;

        @Parameters(index = "1", paramLabel = "<dataset-id>")
        String datasetId;

        @Option(names = "--reason", required = true, paramLabel = "<text>")
        String reason;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<RequestRecord> committed = connection.passes().deny(requestId, datasetId, reason);
            out.committed(committed, PassView.request(committed.value()));
        }
    }

    @Command(name = "revoke", description = "Withdraw a pass you granted.")
    static final class Revoke extends ClientCommand {
        @Parameters(paramLabel = "<pass-id>")
        String passId;

        @Option(names = "--reason", required = true, paramLabel = "<text>")
        String reason;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<AccessPass> committed = connection.passes().revoke(passId, reason);
            out.committed(committed, PassView.pass(committed.value()));
        }
    }

    @Command(
            name = "list",
            description = "The passes granted for a dataset, or without one for each dataset your organisation"
                    + " registered.")
    static final class ListPasses extends ClientCommand {
        @Parameters(arity = "0..1", paramLabel = "<dataset-id>")
        String datasetId;

        /** What {@code --json} prints: each dataset's passes, in dataset order. */
        record DatasetPasses(String datasetId, List<AccessPass> passes) {}

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Set<String> datasets = datasetId != null
                    ? Set.of(datasetId)
                    : Inbox.datasetsOf(connection, connection.identity().mspId());
            List<DatasetPasses> all = new ArrayList<>();
            Output.Fields human = Output.fields(null);
            for (String dataset : datasets) {
                List<AccessPass> passes = Pages.all((size, mark) -> {
                    var page = connection.passes().passesOf(dataset, size, mark);
                    return new Pages.Page<>(page.passes(), page.bookmark());
                });
                all.add(new DatasetPasses(dataset, passes));
                human.then(dataset + ": " + passes.size() + " pass" + (passes.size() == 1 ? "" : "es"));
                for (AccessPass p : passes) {
                    human.then(String.format(
                            "  %-36s %-8s holder %-14s %d of %d rounds used, expires %s",
                            p.passId(), p.status(), p.holderMsp(), p.roundsUsed(), p.roundsGranted(), p.expiresAt()));
                }
            }
            out.print(all, human);
        }
    }

    @Command(name = "show", description = "Show a pass, or with --request a collaboration request and its decisions.")
    static final class Show extends ClientCommand {
        @Parameters(
                paramLabel = "<id>",
                description = "Pass id ({requestId}:{datasetId}), or request id with --request.")
        String id;

        @Option(names = "--request", description = "Show the request with this id instead of a pass.")
        boolean request;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            if (request) {
                RequestRecord record =
                        connection.passes().request(id).orElseThrow(() -> new NotFound("no request " + id));
                out.print(record, PassView.request(record));
            } else {
                AccessPass pass = connection.passes().pass(id).orElseThrow(() -> new NotFound("no pass " + id));
                out.print(pass, PassView.pass(pass));
            }
        }
    }
}
