package org.fdcfabric.cli.dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
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

    @Option(names = "--dataset", required = true, description = "Dataset id (lowercase, 3-64 characters).")
    String datasetId;

    @Option(
            names = "--stream",
            description = "A stream to include (repeatable); without any, the dataset's imported table is published.")
    List<String> streams;

    @Option(names = "--name", required = true, description = "Human-readable dataset name.")
    String name;

    @Option(
            names = "--dataset-profile",
            description = "What the dataset holds, for data users (default for streams: the wrist-acceleration"
                    + " profile; for a table: its row and column counts).")
    String profile;

    @Option(names = "--address", required = true, description = "This center's federation endpoint (grpcs://).")
    String address;

    @Option(names = "--tokens-per-sample", defaultValue = "1", description = "Price (default: ${DEFAULT-VALUE}).")
    long tokensPerSample;

    @Option(names = "--report", description = "Also write the governance report (JSON) to this file.")
    Path reportFile;

    @Spec
    CommandSpec spec;

    PublishCommand(UclRegistryProvider registries) {
        this.registries = registries;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
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
                out.printf(
                        "published %s version %d: %d rows, merkle root %s, owner %s%n",
                        ucl.id(), ucl.version(), ucl.recordCount(), ucl.merkleRoot(), ucl.ownerMsp());
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
            out.printf(
                    "published %s version %d: %d records, merkle root %s, owner %s%n",
                    ucl.id(), ucl.version(), ucl.recordCount(), ucl.merkleRoot(), ucl.ownerMsp());
            for (GovernanceStep step : dataset.report().steps()) {
                out.printf(
                        "  %-16s kept %d %s, dropped %d %s%n",
                        step.name(), step.kept(), step.unit(), step.dropped(), step.droppedBy());
            }
            if (reportFile != null) {
                write(reportFile, CanonicalJson.write(dataset.report()));
                out.printf("governance report written to %s%n", reportFile);
            }
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
