package org.fdcfabric.benchmarks.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;
import org.fdcfabric.protocol.ucl.Task;

/**
 * Times one local epoch of FDC's MLP (180-1024-128-4) with the data centers' own trainer, so the report can put the
 * aggregation cost next to what a round really spends. Centers train in parallel, so one center's time stands
 * for the round's training latency.
 */
final class LocalTrainingClock {
    private LocalTrainingClock() {}

    /** Median wall time (ms) of {@code runs} one-epoch trainings on {@code samples} synthetic windows. */
    static double medianEpochMillis(int samples, int runs) {
        List<String> features = new ArrayList<>();
        for (int j = 0; j < 180; j++) {
            features.add(String.format("acc_%03d", j));
        }
        DatasetSchema schema = new DatasetSchema(
                features, "activity", List.of("eating", "sleeping", "indoor", "outdoor"), Task.CLASSIFICATION);
        SplittableRandom random = new SplittableRandom(7);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int label = random.nextInt(4);
            float[] row = new float[180];
            for (int j = 0; j < 180; j++) {
                row[j] = (float) ((j % 4 == label ? 0.5 : 0) + random.nextGaussian());
            }
            rows.add(row);
            labels.add(label);
        }
        LocalDataset data = LocalDataset.classification(schema, rows, labels);
        ModelArchitecture spec = ModelArchitecture.fdcMlp();
        ModelWeights global = new ModelInitializer().initial(spec, schema.hash(), 1);
        double[] times = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            Trainers.forFamily(ModelFamily.MLP).train(global, data, new TrainingConfig(1, 0.01, 32, 0, r));
            times[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
