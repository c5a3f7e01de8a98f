package org.fdcfabric.learning.training;

import java.util.Collection;
import java.util.Locale;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * Checks that the task asked for fits the label column before anything is trained: a classification whose label
 * has more distinct values than {@link UclRules#MAX_CLASSES}, or more than one per ten rows (at least {@value
 * #FEW_CLASSES} of them), is refused, because such a label is nearly always a measurement (with a hint for
 * {@code --task regression} when every value is a number); a regression whose label is not a number is refused
 * with a hint for {@code --task classification}. Without this a numeric target read as classes made a problem of
 * thousands of classes and a confusion matrix of a hundred megabytes.
 */
public final class TaskGuard {
    /** Up to this many classes are always plausible, however few the rows. */
    static final int FEW_CLASSES = 10;

    private TaskGuard() {}

    /**
     * @param label the label column's name
     * @param distinct the label's distinct values
     * @param rows how many rows the values came from
     * @throws IllegalArgumentException {@code TOO_MANY_CLASSES: ...} with a hint
     */
    public static void checkClasses(String label, Collection<String> distinct, long rows) {
        int classes = distinct.size();
        boolean tooMany = classes > UclRules.MAX_CLASSES || (classes > FEW_CLASSES && classes > rows / 10);
        if (!tooMany) {
            return;
        }
        boolean numeric = distinct.stream().allMatch(TaskGuard::isNumber);
        String limit = classes > UclRules.MAX_CLASSES
                ? "at most " + UclRules.MAX_CLASSES + " classes are allowed"
                : "more than one class per ten rows cannot be learned";
        throw new IllegalArgumentException(String.format(
                Locale.ROOT,
                "TOO_MANY_CLASSES: label '%s' has %d distinct values in %d rows; %s. %s",
                label,
                classes,
                rows,
                limit,
                numeric
                        ? "Its values are numbers: did you mean --task regression?"
                        : "Choose a label column with fewer categories, or group its values."));
    }

    /**
     * @param label the label column's name
     * @param value one label value
     * @param line where the value was read (a file line, or a row number), for the message
     * @throws IllegalArgumentException {@code LABEL_NOT_NUMERIC: ...} with a hint, when the value is not a finite
     *     number
     */
    public static void checkTarget(String label, String value, long line) {
        if (!isNumber(value)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "LABEL_NOT_NUMERIC: line %d: label '%s' is '%s', not a number; %s needs a numeric label."
                            + " Did you mean --task classification?",
                    line,
                    label,
                    value,
                    Task.REGRESSION.name().toLowerCase(Locale.ROOT)));
        }
    }

    private static boolean isNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
