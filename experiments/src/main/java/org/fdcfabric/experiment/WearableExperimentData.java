package org.fdcfabric.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.governance.Activity;
import org.fdcfabric.datacenter.governance.LabelledWindow;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.SimulatedSchool;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.protocol.ucl.Task;

/**
 * FDC's case study as center datasets: the simulated schools, windowed into 180-feature minutes labelled with the
 * four activities; each school is one center, and its last {@code testSubjects} children form its test split
 * (FDC: 35 children, 30 for training, 5 for testing).
 */
public final class WearableExperimentData {
    private WearableExperimentData() {}

    public static DatasetSchema schema() {
        return new DatasetSchema(
                Windower.fdc().featureNames(),
                "activity",
                Arrays.stream(Activity.values()).map(Activity::label).toList(),
                Task.CLASSIFICATION);
    }

    public static List<CenterDataset> build(long seed, int subjectsPerSchool, int testSubjects, int days) {
        if (testSubjects < 1 || testSubjects >= subjectsPerSchool) {
            throw new IllegalArgumentException("test subjects must be in 1.." + (subjectsPerSchool - 1));
        }
        DatasetSchema schema = schema();
        WearableSimulator simulator = new WearableSimulator(seed);
        Windower windower = Windower.fdc();
        List<CenterDataset> centers = new ArrayList<>();
        for (SchoolProfile school : WearableSimulator.fdcSchools(subjectsPerSchool, days)) {
            SimulatedSchool simulated = simulator.simulate(school);
            List<String> testIds = simulated.subjectIds().subList(subjectsPerSchool - testSubjects, subjectsPerSchool);
            List<LabelledWindow> windows = windower.windows(simulated.readings(), simulated.log());
            List<LabelledWindow> train = windows.stream()
                    .filter(w -> !testIds.contains(w.subjectId()))
                    .toList();
            List<LabelledWindow> test = windows.stream()
                    .filter(w -> testIds.contains(w.subjectId()))
                    .toList();
            centers.add(new CenterDataset(school.schoolId(), dataset(schema, train), dataset(schema, test)));
        }
        return centers;
    }

    private static LocalDataset dataset(DatasetSchema schema, List<LabelledWindow> windows) {
        List<float[]> rows = new ArrayList<>(windows.size());
        List<Integer> labels = new ArrayList<>(windows.size());
        for (LabelledWindow window : windows) {
            double[] features = window.features();
            float[] row = new float[features.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) features[i];
            }
            rows.add(row);
            labels.add(window.activity().ordinal());
        }
        return LocalDataset.classification(schema, rows, labels);
    }
}
