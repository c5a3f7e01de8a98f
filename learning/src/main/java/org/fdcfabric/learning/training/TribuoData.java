package org.fdcfabric.learning.training;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Builds Tribuo datasets whose feature and output ids come from the schema, not from the data: a center whose
 * data lacks a class or never sees a feature value still numbers everything as its peers do.
 */
final class TribuoData {
    /** Fixed, so that a dataset's provenance does not depend on the clock. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2019, 9, 4, 0, 0, 0, 0, ZoneOffset.UTC);

    private TribuoData() {}

    static ImmutableFeatureMap featureMap(DatasetSchema schema) {
        MutableFeatureMap features = new MutableFeatureMap();
        for (String name : schema.featureNames()) {
            features.add(name, 1.0);
        }
        ImmutableFeatureMap map = new ImmutableFeatureMap(features);
        List<String> columns = schema.columnOrder();
        for (int i = 0; i < columns.size(); i++) {
            if (map.getID(columns.get(i)) != i) {
                throw new IllegalStateException("Tribuo numbered feature " + columns.get(i) + " as "
                        + map.getID(columns.get(i)) + ", expected " + i);
            }
        }
        return map;
    }

    static ImmutableDataset<Label> classification(LocalDataset data) {
        DatasetSchema schema = data.schema();
        LabelFactory factory = new LabelFactory();
        Map<Label, Integer> ids = new HashMap<>();
        for (int k = 0; k < schema.classes().size(); k++) {
            ids.put(new Label(schema.classes().get(k)), k);
        }
        ImmutableOutputInfo<Label> labels = factory.constructInfoForExternalModel(ids);
        List<Example<Label>> examples = new ArrayList<>(data.size());
        String[] names = schema.columnOrder().toArray(String[]::new);
        for (int i = 0; i < data.size(); i++) {
            examples.add(new ArrayExample<>(
                    new Label(schema.classes().get(data.classIndex(i))), names, toDoubles(data.rowView(i))));
        }
        return new ImmutableDataset<>(
                examples,
                new SimpleDataSourceProvenance("fdc-local-" + schema.hash(), EPOCH, factory),
                factory,
                featureMap(schema),
                labels,
                false);
    }

    static ImmutableDataset<Regressor> regression(LocalDataset data) {
        DatasetSchema schema = data.schema();
        RegressionFactory factory = new RegressionFactory();
        ImmutableOutputInfo<Regressor> outputs =
                factory.constructInfoForExternalModel(Map.of(new Regressor(schema.labelName(), Double.NaN), 0));
        List<Example<Regressor>> examples = new ArrayList<>(data.size());
        String[] names = schema.columnOrder().toArray(String[]::new);
        for (int i = 0; i < data.size(); i++) {
            examples.add(new ArrayExample<>(
                    new Regressor(schema.labelName(), data.target(i)), names, toDoubles(data.rowView(i))));
        }
        return new ImmutableDataset<>(
                examples,
                new SimpleDataSourceProvenance("fdc-local-" + schema.hash(), EPOCH, factory),
                factory,
                featureMap(schema),
                outputs,
                false);
    }

    private static double[] toDoubles(float[] row) {
        double[] d = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            d[i] = row[i];
        }
        return d;
    }
}
