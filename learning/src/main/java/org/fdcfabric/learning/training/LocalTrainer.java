package org.fdcfabric.learning.training;

/**
 * Trains a model on one center's data, starting from the global model (warm start): the returned weights are
 * the global weights moved by local SGD, never a fresh model.
 */
public interface LocalTrainer {
    TrainingOutcome train(ModelWeights global, LocalDataset data, TrainingConfig config);
}
