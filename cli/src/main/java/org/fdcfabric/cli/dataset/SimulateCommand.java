package org.fdcfabric.cli.dataset;

import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.JsonOption;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Words;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.SimulatorImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fdc dataset simulate}: one school's wearable readings and activity log from the seeded simulator. */
@Command(
        name = "simulate",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc dataset simulate --data-dir dc-a --stream school-a",
            "  fdc dataset simulate --data-dir dc-a --stream school-b --school school-b \\",
            "      --subjects 20 --json"
        },
        description = "Store one simulated school (FDC case study) as a stream.",
        mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(
            names = "--stream",
            required = true,
            paramLabel = "<stream>",
            description = "Stream id to store the readings under.")
    String stream;

    @Option(
            names = "--school",
            paramLabel = "<school>",
            defaultValue = "school-a",
            description = "School id (default: ${DEFAULT-VALUE}).")
    String school;

    @Option(
            names = "--subjects",
            paramLabel = "<n>",
            defaultValue = "10",
            description = "Children (default: ${DEFAULT-VALUE}).")
    int subjects;

    @Option(
            names = "--days",
            paramLabel = "<n>",
            defaultValue = "1",
            description = "School days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seed",
            paramLabel = "<n>",
            defaultValue = "1",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    JsonOption format;

    @Spec
    CommandSpec spec;

    /** What {@code --json} prints. */
    record Simulated(String stream, String school, int readings, int children, int activityLogEntries) {}

    @Override
    public Integer call() throws CommandFailed {
        SimulatedSchool simulated =
                new WearableSimulator(seed).simulate(new SchoolProfile(school, subjects, days, 1.0, 0, 1.0, 120));
        try (CenterStore store = center.open()) {
            // A second run would append the same readings again: refuse before touching the stream.
            if (store.readings().stream(stream).isPresent()) {
                throw new CommandFailed(
                        "stream " + stream + " already exists in this center; choose another --stream",
                        ExitCodes.CONFLICT);
            }
            new SimulatorImport(store.readings(), new ActivityLogs(store.readings())).importSchool(stream, simulated);
        }
        Simulated result = new Simulated(
                stream,
                school,
                simulated.readings().size(),
                simulated.subjectIds().size(),
                simulated.log().size());
        format.output(spec.commandLine().getOut())
                .print(
                        result,
                        Output.fields(String.format(
                                "stream %s: %s of %s, %s",
                                stream,
                                Words.count(result.readings(), "reading"),
                                Words.count(result.children(), "child", "children"),
                                Words.count(
                                        result.activityLogEntries(), "activity log entry", "activity log entries"))));
        return 0;
    }
}
