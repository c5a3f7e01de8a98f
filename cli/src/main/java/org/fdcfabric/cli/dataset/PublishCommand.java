package org.fdcfabric.cli.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Words;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernanceReport;
import org.fdcfabric.datacenter.governance.GovernanceStep;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.datacenter.store.imports.StoredStreams;
import org.fdcfabric.datacenter.ucl.DatasetPublisher;
import org.fdcfabric.datacenter.ucl.Publication;
import org.fdcfabric.datacenter.ucl.UclGenerator;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fdc dataset publish}: publishes the dataset's imported table, or governs the streams into a dataset, keeps it in the center and registers its
 * UCL (a new version if the dataset is already registered), then prints the UCL and the governance counts.
 */
@Command(
        name = "publish",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc dataset publish --data-dir dc-a --dataset wearables-1 --stream \\",
            "      school-a --name \"Kindergarten A\" --address grpcs://dc-a.example:7443 \\",
            "      --as alice",
            "  fdc dataset publish --data-dir dc-a --dataset heart-1 --name Heart \\",
            "      --address grpcs://dc-a.example:7443 --json     # an imported table"
        },
        description = "Govern streams into a dataset and register (or update) its UCL.",
        mixinStandardHelpOptions = true)
final class PublishCommand implements Callable<Integer> {
    private static final String WEARABLE_PROFILE = "Wrist acceleration: 60 one-second means x 3 axes = 180 features;"
            + " activity labels from teachers' logs (eating, sleeping, indoor, outdoor)";

    private final UclRegistryProvider registries;

    @Mixin
    CommonOptions connection;

    @Mixin
    CenterOptions center;

    @Option(
            names = "--dataset",
            required = true,
            paramLabel = "<dataset-id>",
            description = "Dataset id (lowercase, 3-64 characters).")
    String datasetId;

    @Option(
            names = "--stream",
            paramLabel = "<stream>",
            description = "A stream to include (repeatable); without any, the dataset's imported table is published.")
    List<String> streams;

    @Option(names = "--name", required = true, paramLabel = "<text>", description = "Human-readable dataset name.")
    String name;

    @Option(
            names = "--dataset-profile",
            paramLabel = "<text>",
            description = "What the dataset holds, for data users (default for streams: the wrist-acceleration"
                    + " profile; for a table: its row and column counts).")
    String profile;

    @Option(
            names = "--address",
            required = true,
            paramLabel = "<grpcs-url>",
            description = "This center's federation endpoint (grpcs://).")
    String address;

    @Option(
            names = "--tokens-per-sample",
            defaultValue = "1",
            paramLabel = "<n>",
            description = "Price of one sample in tokens (default: ${DEFAULT-VALUE}).")
    long tokensPerSample;

    @Option(
            names = "--report",
            paramLabel = "<file>",
            description = "Also write the governance report (JSON) to this file.")
    Path reportFile;

    @Spec
    CommandSpec spec;

    /** What {@code --json} prints: the registered UCL, the governance record (streams only) and its file. */
    record Published(Ucl ucl, GovernanceReport governance, String reportFile) {}

    PublishCommand(UclRegistryProvider registries) {
        this.registries = registries;
    }

    @Override
    public Integer call() throws Exception {
        Output out = new Output(spec.commandLine().getOut(), connection.json());
        try (CenterStore store = center.open();
                UclRegistryProvider.RegistrySession registry = registries.open(connection)) {
            DatasetPublisher publisher =
                    new DatasetPublisher(store.datasets(), registry.registry(), new UclGenerator());
            if (streams == null || streams.isEmpty()) {
                TableManifest table = store.tables()
                        .manifest(datasetId)
                        .orElseThrow(() -> new CommandFailed(
                                "NO_TABLE: no table " + datasetId + " in this center; import one with 'fdc dataset"
                                        + " import-table' or name the streams to govern with --stream",
                                ExitCodes.NOT_FOUND));
                String tableProfile = profile != null
                        ? profile
                        : "Table of " + table.rowCount() + " rows, "
                                + table.schema().features().size()
                                + " features, label " + table.schema().label().name() + " ("
                                + table.schema().task() + ")";
                Ucl ucl = publisher.publish(
                        table, new Publication(name, tableProfile, address, new Terms(tokensPerSample)));
                out.print(
                        new Published(ucl, null, null),
                        Output.fields(String.format(
                                "published %s version %d: %s, merkle root %s, owner %s",
                                ucl.id(),
                                ucl.version(),
                                Words.count(ucl.recordCount(), "row"),
                                ucl.merkleRoot(),
                                ucl.ownerMsp())));
                return 0;
            }
            GovernancePipeline pipeline = new GovernancePipeline(
                    new ReadingCleaner(), new Pseudonymizer(store.keys().pseudonymKey()), Windower.fdc());
            GovernedDataset dataset =
                    pipeline.govern(datasetId, new StoredStreams(store.readings()).governanceInputs(streams));
            Ucl ucl = publisher.publish(
                    dataset,
                    new Publication(
                            name, profile == null ? WEARABLE_PROFILE : profile, address, new Terms(tokensPerSample)));
            if (reportFile != null) {
                write(reportFile, CanonicalJson.write(dataset.report()));
            }
            Output.Fields human = Output.fields(String.format(
                    "published %s version %d: %d records, merkle root %s, owner %s",
                    ucl.id(), ucl.version(), ucl.recordCount(), ucl.merkleRoot(), ucl.ownerMsp()));
            for (GovernanceStep step : dataset.report().steps()) {
                human.then(String.format(
                        "  %-16s kept %d %s, dropped %d%s",
                        step.name(),
                        step.kept(),
                        step.unit(),
                        step.dropped(),
                        step.droppedBy().isEmpty() ? "" : " (" + Words.pairs(step.droppedBy()) + ")"));
            }
            if (reportFile != null) {
                human.then("governance report written to " + reportFile);
            }
            out.print(new Published(ucl, dataset.report(), reportFile == null ? null : reportFile.toString()), human);
        }
        return 0;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
