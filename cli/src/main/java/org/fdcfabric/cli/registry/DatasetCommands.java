package org.fdcfabric.cli.registry;

import java.nio.file.Path;
import java.util.List;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.Json;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.registration.DatasetPage;
import org.fdcfabric.client.registration.VersionPage;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fdc dataset}: the UCL registry on the registration channel; the data center's dataset work (import,
 * simulate, publish, prove, verify) joins this group through {@code CenterDatasetCommands}.
 */
@Command(
        name = "dataset",
        description = "Register datasets (UCLs) and browse the registry; import, publish and prove a data center's.",
        subcommands = {
            DatasetCommands.Register.class,
            DatasetCommands.Show.class,
            DatasetCommands.ListDatasets.class,
            DatasetCommands.History.class
        })
public final class DatasetCommands {

    @Command(name = "register", description = "Register a dataset from a UCL draft (JSON file); you become its owner.")
    static final class Register extends ClientCommand {
        @Parameters(
                paramLabel = "<draft.json>",
                description = "The UCL draft: id, name, profile, schema, counts, Merkle root, address, terms.")
        Path draft;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            UclDraft parsed = Json.readFile(draft, UclDraft.class, "INVALID_UCL");
            var committed = connection.registration().register(parsed);
            out.committed(committed, UclView.summary("registered", committed.value()));
        }
    }

    @Command(name = "show", description = "Show a dataset's UCL (the current version unless --version).")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "<dataset-id>")
        String datasetId;

        @Option(names = "--version", paramLabel = "<n>", description = "A specific version.")
        Integer version;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            var registration = connection.registration();
            Ucl ucl = (version == null ? registration.dataset(datasetId) : registration.version(datasetId, version))
                    .orElseThrow(() ->
                            new NotFound("no dataset " + datasetId + (version == null ? "" : " version " + version)));
            out.print(ucl, UclView.detail(ucl));
        }
    }

    @Command(name = "list", description = "List registered datasets (current versions).")
    static final class ListDatasets extends ClientCommand {
        @Option(names = "--owner", paramLabel = "<msp>", description = "Only this organisation's datasets.")
        String owner;

        @Option(
                names = "--page-size",
                paramLabel = "<n>",
                description = "Datasets per page (1-100); with --bookmark, one page only.")
        Integer pageSize;

        @Option(names = "--bookmark", paramLabel = "<bookmark>", description = "Continue after a previous page.")
        String bookmark;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            var registration = connection.registration();
            if (pageSize != null || bookmark != null) {
                DatasetPage page = registration.list(owner, pageSize == null ? Pages.PAGE_SIZE : pageSize, bookmark);
                Output.Fields human = UclView.table(page.datasets());
                out.print(
                        page,
                        page.bookmark().isEmpty() ? human : human.then("next page: --bookmark " + page.bookmark()));
                return;
            }
            List<Ucl> all = Pages.all((size, mark) -> {
                DatasetPage page = registration.list(owner, size, mark);
                return new Pages.Page<>(page.datasets(), page.bookmark());
            });
            out.print(all, UclView.table(all));
        }
    }

    @Command(name = "history", description = "Every version of a dataset, oldest first.")
    static final class History extends ClientCommand {
        @Parameters(paramLabel = "<dataset-id>")
        String datasetId;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            var registration = connection.registration();
            List<Ucl> versions;
            try {
                versions = Pages.all((size, mark) -> {
                    VersionPage page = registration.history(datasetId, size, mark);
                    return new Pages.Page<>(page.versions(), page.bookmark());
                });
            } catch (ChaincodeRejected e) {
                if (ErrorCode.DATASET_NOT_FOUND.is(e.code())) {
                    throw new NotFound("no dataset " + datasetId);
                }
                throw e;
            }
            Output.Fields human = Output.fields("dataset " + datasetId + ": " + versions.size() + " version(s)");
            for (Ucl v : versions) {
                human.then(String.format(
                        "  v%-3d %-8s %s  records=%d  root=%s",
                        v.version(), v.status(), v.createdAt(), v.recordCount(), v.merkleRoot()));
            }
            out.print(versions, human);
        }
    }
}
