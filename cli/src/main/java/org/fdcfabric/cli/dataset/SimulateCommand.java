package org.fdcfabric.cli.dataset;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
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
        description = "Store one simulated school (FDC case study) as a stream.",
        mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(names = "--stream", required = true, description = "Stream id to store the readings under.")
    String stream;

    @Option(names = "--school", defaultValue = "school-a", description = "School id (default: ${DEFAULT-VALUE}).")
    String school;

    @Option(names = "--subjects", defaultValue = "10", description = "Children (default: ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--days", defaultValue = "1", description = "School days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CommandFailed {
        PrintWriter out = spec.commandLine().getOut();
        SimulatedSchool simulated =
                new WearableSimulator(seed).simulate(new SchoolProfile(school, subjects, days, 1.0, 0, 1.0, 120));
        try (CenterStore store = center.open()) {
            new SimulatorImport(store.readings(), new ActivityLogs(store.readings())).importSchool(stream, simulated);
        }
        out.printf(
                "stream %s: %d readings of %d children, %d activity log entries%n",
                stream,
                simulated.readings().size(),
                simulated.subjectIds().size(),
                simulated.log().size());
        return 0;
    }
}
