package org.fdcfabric.datacenter.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.governance.DatasetRecord;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * A governed dataset's records split into the train and test sets a center offers, by subject: a held-out subject's
 * windows are all in the test set, so no one is in both.
 */
public final class DatasetSplit {
    private DatasetSplit() {}

    /** Holds out the last {@code testSubjects} subjects in pseudonym order (reproducible whatever the records' order). */
    public static CenterDataset lastSubjects(
            String datasetId, UclSchema schema, List<DatasetRecord> records, int testSubjects) {
        TreeSet<String> subjects = new TreeSet<>();
        records.forEach(r -> subjects.add(r.subject()));
        if (subjects.size() <= testSubjects) {
            throw new IllegalArgumentException("dataset " + datasetId + " has " + subjects.size()
                    + " subjects; holding out " + testSubjects + " needs at least " + (testSubjects + 1));
        }
        Set<String> test =
                new TreeSet<>(new ArrayList<>(subjects).subList(subjects.size() - testSubjects, subjects.size()));
        return bySubjects(datasetId, schema, records, test);
    }

    /** The windows of {@code testSubjects} form the test set, every other window the training set. */
    public static CenterDataset bySubjects(
            String datasetId, UclSchema uclSchema, List<DatasetRecord> records, Set<String> testSubjects) {
        DatasetSchema schema = DatasetSchema.fromUcl(uclSchema);
        List<float[]> trainRows = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<float[]> testRows = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        for (DatasetRecord record : records) {
            float[] row = new float[record.features().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = record.features().get(i).floatValue();
            }
            int label = schema.classes().indexOf(record.label());
            if (testSubjects.contains(record.subject())) {
                testRows.add(row);
                testLabels.add(label);
            } else {
                trainRows.add(row);
                trainLabels.add(label);
            }
        }
        if (testRows.isEmpty() || trainRows.isEmpty()) {
            throw new IllegalArgumentException("dataset " + datasetId + " has " + trainRows.size() + " training and "
                    + testRows.size() + " test windows; both splits need some");
        }
        return new CenterDataset(
                datasetId,
                LocalDataset.classification(schema, trainRows, trainLabels),
                LocalDataset.classification(schema, testRows, testLabels));
    }
}
