package org.fdcfabric.learning.training;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

/**
 * Plain mini-batch SGD for Tribuo's SGD trainers, which are run with a minibatch of one: this optimiser receives
 * every example's gradient, sums it into a buffer and hands Tribuo a zero step, until {@code batchSize} gradients
 * (or the epoch's last, smaller batch) are in; then it returns {@code learningRate x mean gradient} in one step.
 * So every gradient of a batch is taken at the same parameters and the step is the batch mean, as in {@link
 * MlpTrainer}.
 *
 * <p>Why not Tribuo's own minibatches: in 4.3.2 {@code LinearParameters.merge} sums a batch's gradients instead of
 * averaging them (the step grows with the batch size: linear regression diverges at batch 16 where batch 1
 * converges), and {@code FMParameters.merge}, a final class, throws a ClassCastException for batches above one.
 *
 * <p>Batches never straddle an epoch: Tribuo feeds exactly {@code epochSize} examples per epoch, so the optimiser
 * closes a batch at every multiple of the epoch size.
 */
final class MinibatchSgd implements StochasticGradientOptimiser {
    // Not final: Tribuo's provenance reads @Config fields, and OLCUT requires configurable fields to be assignable.
    @Config(mandatory = true, description = "Step size.")
    private double learningRate;

    @Config(mandatory = true, description = "Examples per step.")
    private int batchSize;

    @Config(mandatory = true, description = "Examples per epoch; a batch closes at the end of each epoch.")
    private int epochSize;

    private Parameters parameters;
    private Tensor[] sum;
    private Tensor[] zero;
    private int inBatch;
    private int inEpoch;

    MinibatchSgd(double learningRate, int batchSize, int epochSize) {
        if (batchSize < 1 || epochSize < 1) {
            throw new IllegalArgumentException(
                    "batch size and epoch size must be at least 1, were " + batchSize + " and " + epochSize);
        }
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.epochSize = epochSize;
    }

    @Override
    public void initialise(Parameters parameters) {
        this.parameters = parameters;
        sum = parameters.getEmptyCopy();
        zero = parameters.getEmptyCopy();
        inBatch = 0;
        inEpoch = 0;
    }

    @Override
    public Tensor[] step(Tensor[] gradient, double weight) {
        if (sum == null) {
            throw new IllegalStateException("MinibatchSgd used before initialise");
        }
        for (int i = 0; i < gradient.length; i++) {
            sum[i].intersectAndAddInPlace(gradient[i], g -> g * weight);
        }
        inBatch++;
        inEpoch++;
        boolean epochEnds = inEpoch == epochSize;
        if (inBatch < batchSize && !epochEnds) {
            return zero;
        }
        double scale = learningRate / inBatch;
        Tensor[] step = sum;
        for (Tensor t : step) {
            t.scaleInPlace(scale);
        }
        sum = parameters.getEmptyCopy();
        inBatch = 0;
        if (epochEnds) {
            inEpoch = 0;
        }
        return step;
    }

    @Override
    public void reset() {
        parameters = null;
        sum = null;
        zero = null;
        inBatch = 0;
        inEpoch = 0;
    }

    @Override
    public MinibatchSgd copy() {
        return new MinibatchSgd(learningRate, batchSize, epochSize);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return "MinibatchSgd(learningRate=" + learningRate + ",batchSize=" + batchSize + ")";
    }
}
