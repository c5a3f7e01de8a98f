package org.fdcfabric.compute.aggregation.robust;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fdcfabric.protocol.InputChecks;

/**
 * The checks every rule runs first: non-finite updates are rejected, updates with a coordinate beyond
 * {@code maxAbsValue} are rejected (0 = no bound), and updates with an L2 norm above {@code clipNorm} are scaled
 * down to it (0 = no clipping). Clipping bounds how far one center can pull a mean; the bound catches values no
 * honest local training produces.
 */
record UpdateScreen(double clipNorm, double maxAbsValue) {
    UpdateScreen {
        InputChecks.require(
                Double.isFinite(clipNorm) && clipNorm >= 0, RobustCodes.INVALID_AGGREGATION_RULE, "clip must be >= 0");
        InputChecks.require(
                Double.isFinite(maxAbsValue) && maxAbsValue >= 0,
                RobustCodes.INVALID_AGGREGATION_RULE,
                "bound must be >= 0");
    }

    /** The updates that passed, as double vectors (clipped where needed), and a verdict for every update. */
    record Screened(List<Integer> indices, List<double[]> vectors, long[] samples, List<UpdateVerdict> verdicts) {
        int size() {
            return indices.size();
        }

        void downgrade(int usable, Verdict to, String why) {
            int original = indices.get(usable);
            verdicts.set(original, verdicts.get(original).downgrade(to, why));
        }
    }

    Screened screen(List<CenterUpdate> updates) {
        InputChecks.require(!updates.isEmpty(), RobustCodes.NOT_ENOUGH_UPDATES, "no updates to aggregate");
        int length = updates.get(0).length();
        Set<String> centers = new HashSet<>();
        for (CenterUpdate u : updates) {
            InputChecks.require(
                    u.length() == length,
                    RobustCodes.INVALID_UPDATE,
                    u.centerId() + " sent " + u.length() + " values; the model has " + length);
            InputChecks.require(centers.add(u.centerId()), RobustCodes.INVALID_UPDATE, u.centerId() + " sent twice");
        }
        List<Integer> indices = new ArrayList<>();
        List<double[]> vectors = new ArrayList<>();
        List<Long> samples = new ArrayList<>();
        List<UpdateVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            CenterUpdate u = updates.get(i);
            double[] v = new double[length];
            double sumSquares = 0;
            double largest = 0;
            for (int j = 0; j < length; j++) {
                v[j] = u.valueAt(j);
                sumSquares += v[j] * v[j];
                largest = Math.max(largest, Math.abs(v[j]));
            }
            double norm = Math.sqrt(sumSquares);
            UpdateVerdict verdict = UpdateVerdict.accepted(u.centerId(), norm);
            if (!Double.isFinite(norm)) {
                verdicts.add(verdict.downgrade(Verdict.REJECTED, "non-finite values"));
                continue;
            }
            if (maxAbsValue > 0 && largest > maxAbsValue) {
                verdicts.add(verdict.downgrade(
                        Verdict.REJECTED, "a value of magnitude " + largest + " exceeds the bound " + maxAbsValue));
                continue;
            }
            if (clipNorm > 0 && norm > clipNorm) {
                double scale = clipNorm / norm;
                for (int j = 0; j < length; j++) {
                    v[j] *= scale;
                }
                verdict = verdict.downgrade(Verdict.CLIPPED, "norm " + norm + " clipped to " + clipNorm);
            }
            verdicts.add(verdict);
            indices.add(i);
            vectors.add(v);
            samples.add(u.sampleCount());
        }
        return new Screened(
                List.copyOf(indices),
                vectors,
                samples.stream().mapToLong(Long::longValue).toArray(),
                verdicts);
    }

    String describe() {
        return (clipNorm > 0 ? ",clip=" + clipNorm : "") + (maxAbsValue > 0 ? ",bound=" + maxAbsValue : "");
    }
}
