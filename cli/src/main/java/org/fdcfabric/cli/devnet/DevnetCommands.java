package org.fdcfabric.cli.devnet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Output;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import picocli.CommandLine.Command;

/** {@code fdc devnet}: the embedded single-machine network. */
@Command(
        name = "devnet",
        description = "Run and inspect the embedded single-machine network.",
        subcommands = {DevnetCommands.Status.class})
public final class DevnetCommands {

    /**
     * Checks that the profile's gateway answers on both channels. A chaincode refusal still proves the path works
     * (for example an uninitialized token), so it counts as reachable.
     */
    @Command(name = "status", description = "Check that the gateway in the profile answers on both channels.")
    static final class Status extends ClientCommand {
        /** What {@code --json} prints. */
        record Report(String network, String gateway, String identity, Map<String, String> channels) {}

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Map<String, String> channels = new LinkedHashMap<>();
            var names = connection.profile().profile().channels();
            channels.put(names.registration(), probe(() -> connection.registration().list(null, 1, "")));
            channels.put(names.collaboration(), probe(() -> connection.tokens().accounts(1, "")));
            Report report = new Report(
                    connection.profile().profile().name(),
                    connection.endpoint(),
                    connection.identity().name() + " (" + connection.identity().mspId() + ")",
                    channels);
            Output.Fields human = Output.fields("network " + report.network())
                    .add("gateway", report.gateway())
                    .add("identity", report.identity());
            channels.forEach((channel, state) -> human.add("channel " + channel, state));
            out.print(report, human);
            if (channels.values().stream().anyMatch(s -> !s.startsWith("ok"))) {
                throw new CommandFailed("the network at " + connection.endpoint() + " is not fully up", ExitCodes.UNREACHABLE);
            }
        }

        private interface Probe {
            Object run() throws FdcClientException;
        }

        private static String probe(Probe probe) {
            long start = System.nanoTime();
            try {
                probe.run();
            } catch (ChaincodeRejected e) {
                // The proposal reached the chaincode and came back: the channel works.
            } catch (FdcClientException e) {
                return "failing: " + e.getMessage();
            }
            return "ok (" + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)";
        }
    }
}
