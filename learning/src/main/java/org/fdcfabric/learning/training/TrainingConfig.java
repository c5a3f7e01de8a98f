package org.fdcfabric.learning.training;

/**
 * Hyperparameters of one round of local training.
 *
 * @param epochs local passes over the center's data
 * @param learningRate plain SGD step (plain, because Tribuo resets its optimiser on every train call)
 * @param batchSize examples per SGD step (the step follows the batch's mean gradient) in every family
 * @param proxMu FedProx proximal coefficient; 0 is plain FedAvg
 * @param seed seed of the local shuffling
 */
public record TrainingConfig(int epochs, double learningRate, int batchSize, double proxMu, long seed) {
    public TrainingConfig {
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("local epochs must be in 1..1000, was " + epochs);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], was " + learningRate);
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("batch size must be in 1..65536, was " + batchSize);
        }
        if (!(proxMu >= 0 && proxMu <= 100)) {
            throw new IllegalArgumentException("FedProx mu must be in [0, 100], was " + proxMu);
        }
    }
}
