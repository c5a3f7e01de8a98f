package org.fdcfabric.learning.training;

import org.tribuo.ImmutableDataset;
import org.tribuo.classification.Label;

/** Reads an example of a Tribuo dataset back as a float row in model column order. */
final class TribuoDataRows {
    private TribuoDataRows() {}

    static float[] row(ImmutableDataset<Label> dataset, int index) {
        var example = dataset.getExample(index);
        float[] row = new float[dataset.getFeatureIDMap().size()];
        for (var feature : example) {
            row[dataset.getFeatureIDMap().getID(feature.getName())] = (float) feature.getValue();
        }
        return row;
    }
}
