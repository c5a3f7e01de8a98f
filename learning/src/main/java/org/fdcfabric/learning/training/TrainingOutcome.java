package org.fdcfabric.learning.training;

/** A center's locally trained model and its mean training loss over the last local epoch. */
public record TrainingOutcome(ModelWeights weights, double trainingLoss) {}
