package org.fdcfabric.learning.training;

/** Picks the local trainer of a model family and holds the checks every trainer shares. */
public final class Trainers {
    private Trainers() {}

    public static LocalTrainer forFamily(ModelFamily family) {
        return switch (family) {
            case LOGISTIC, LINEAR -> new TribuoLinearTrainer();
            case FM -> new TribuoFmTrainer();
            case MLP -> new MlpTrainer();
        };
    }

    static void checkCompatible(ModelWeights global, LocalDataset data) {
        DatasetSchema schema = data.schema();
        if (!global.schemaHash().equals(schema.hash())) {
            throw new IllegalArgumentException("model was built for schema " + global.schemaHash()
                    + " but the local data has schema " + schema.hash());
        }
        ModelArchitecture spec = global.spec();
        if (spec.featureCount() != schema.featureNames().size() || spec.outputCount() != schema.outputCount()) {
            throw new IllegalArgumentException("model spec " + spec.featureCount() + " features x "
                    + spec.outputCount() + " outputs does not fit the schema's "
                    + schema.featureNames().size()
                    + " x " + schema.outputCount());
        }
        if (spec.task() != schema.task()) {
            throw new IllegalArgumentException(
                    spec.family().wireName() + " does not fit a " + schema.task() + " dataset");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("no local training data");
        }
    }

    static void rejectProx(ModelArchitecture spec, TrainingConfig config) {
        if (config.proxMu() != 0) {
            throw new IllegalArgumentException("FedProx (mu > 0) is supported for the mlp family only; Tribuo's "
                    + spec.family().wireName() + " objective has no proximal term");
        }
    }

    /** The optimiser of the Tribuo families; Tribuo runs with a minibatch of one and this one batches. */
    static MinibatchSgd minibatchSgd(TrainingConfig config, LocalDataset data) {
        return new MinibatchSgd(config.learningRate(), config.batchSize(), data.size());
    }

    static double trainingLoss(ModelWeights weights, LocalDataset data) {
        Evaluation evaluation = new Evaluator().evaluate(weights, data);
        return evaluation.metrics().containsKey("loss") ? evaluation.metric("loss") : evaluation.metric("mse");
    }
}
