package org.fdcfabric.learning.training;

/**
 * A model's raw outputs for one row (in column order): class logits for classification, the predicted values for
 * regression.
 */
interface Predictor {
    void outputs(float[] row, double[] out);
}
