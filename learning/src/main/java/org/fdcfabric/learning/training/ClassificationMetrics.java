package org.fdcfabric.learning.training;

/** Metrics computed from a confusion matrix {@code [true class][predicted class]}. */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    /** Mean F1 over the classes that occur in the truth or the predictions. */
    public static double macroF1(long[][] confusion) {
        int k = confusion.length;
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long actual = 0;
            long predicted = 0;
            for (int j = 0; j < k; j++) {
                actual += confusion[c][j];
                predicted += confusion[j][c];
            }
            if (actual == 0 && predicted == 0) {
                continue;
            }
            sum += 2.0 * tp / (actual + predicted);
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }

    public static double accuracy(long[][] confusion) {
        long correct = 0;
        long total = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion[i].length; j++) {
                total += confusion[i][j];
            }
            correct += confusion[i][i];
        }
        return total == 0 ? 0 : correct / (double) total;
    }
}
