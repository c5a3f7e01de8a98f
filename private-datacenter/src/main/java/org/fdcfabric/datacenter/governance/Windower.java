package org.fdcfabric.datacenter.governance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns per-second readings and the teachers' activity log into labelled windows (FDC's preprocessing: a minute
 * of 60 one-second readings x 3 axes = a 180-length vector).
 *
 * <p>Rules, so every party windows the same way:
 *
 * <ul>
 *   <li>Several readings of one subject in the same second are averaged (the second's mean).
 *   <li>Windows are aligned to the start of each log entry, do not overlap, and lie wholly inside the entry; a
 *       tail shorter than a window is dropped.
 *   <li>A window with any second missing is dropped: gaps are never filled in.
 *   <li>Seconds outside every logged activity (FDC: teaching) are unlabelled and dropped.
 *   <li>Two overlapping log entries of one subject are an error, since the label would be ambiguous.
 * </ul>
 *
 * <p>Output is sorted by subject then start time, so the result does not depend on input order. Pure: no I/O,
 * no state between calls.
 */
public final class Windower {
    /** FDC's window: one minute. */
    public static final int FDC_WINDOW_SECONDS = 60;

    private static final String[] AXES = {"x", "y", "z"};

    private final int windowSeconds;

    public Windower(int windowSeconds) {
        if (windowSeconds < 1 || windowSeconds > 3600) {
            throw new IllegalArgumentException("windowSeconds must be in 1..3600, was " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
    }

    /** FDC's configuration: 60-second windows, 180 features. */
    public static Windower fdc() {
        return new Windower(FDC_WINDOW_SECONDS);
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    public int featureCount() {
        return windowSeconds * AXES.length;
    }

    /**
     * Feature names in vector order: {@code s00_x, s00_y, s00_z, s01_x, ...}. The second is zero-padded so that
     * lexicographic order (which Tribuo uses to number features) is the vector order.
     */
    public List<String> featureNames() {
        int digits = String.valueOf(windowSeconds - 1).length();
        String format = "s%0" + digits + "d_%s";
        List<String> names = new ArrayList<>(featureCount());
        for (int second = 0; second < windowSeconds; second++) {
            for (String axis : AXES) {
                names.add(String.format(format, second, axis));
            }
        }
        return List.copyOf(names);
    }

    /** Cuts the readings into labelled windows; see the class comment for the rules. */
    public List<LabelledWindow> windows(List<AccelerationReading> readings, List<ActivityLogEntry> log) {
        Map<String, TreeMap<Long, double[]>> secondsBySubject = meanPerSecond(readings);
        Map<String, List<ActivityLogEntry>> logBySubject = sortedLog(log);
        List<LabelledWindow> windows = new ArrayList<>();
        for (Map.Entry<String, List<ActivityLogEntry>> subjectLog : logBySubject.entrySet()) {
            TreeMap<Long, double[]> seconds = secondsBySubject.get(subjectLog.getKey());
            if (seconds == null) {
                continue;
            }
            for (ActivityLogEntry entry : subjectLog.getValue()) {
                for (long start = entry.startEpochSecond();
                        start + windowSeconds <= entry.endEpochSecond();
                        start += windowSeconds) {
                    double[] features = window(seconds, start);
                    if (features != null) {
                        windows.add(new LabelledWindow(entry.subjectId(), start, entry.activity(), features));
                    }
                }
            }
        }
        return List.copyOf(windows);
    }

    private double[] window(TreeMap<Long, double[]> seconds, long start) {
        Map<Long, double[]> span = seconds.subMap(start, true, start + windowSeconds - 1, true);
        if (span.size() != windowSeconds) {
            return null;
        }
        double[] features = new double[featureCount()];
        int i = 0;
        for (double[] sums : span.values()) {
            double count = sums[3];
            features[i++] = sums[0] / count;
            features[i++] = sums[1] / count;
            features[i++] = sums[2] / count;
        }
        return features;
    }

    private static Map<String, TreeMap<Long, double[]>> meanPerSecond(List<AccelerationReading> readings) {
        Map<String, TreeMap<Long, double[]>> bySubject = new TreeMap<>();
        for (AccelerationReading reading : readings) {
            if (!Double.isFinite(reading.x()) || !Double.isFinite(reading.y()) || !Double.isFinite(reading.z())) {
                throw new IllegalArgumentException("reading of " + reading.subjectId() + " at second "
                        + reading.epochSecond() + " is not finite; clean readings before windowing");
            }
            double[] sums = bySubject
                    .computeIfAbsent(reading.subjectId(), s -> new TreeMap<>())
                    .computeIfAbsent(reading.epochSecond(), s -> new double[4]);
            sums[0] += reading.x();
            sums[1] += reading.y();
            sums[2] += reading.z();
            sums[3] += 1;
        }
        return bySubject;
    }

    private static Map<String, List<ActivityLogEntry>> sortedLog(List<ActivityLogEntry> log) {
        Map<String, List<ActivityLogEntry>> bySubject = new TreeMap<>();
        for (ActivityLogEntry entry : log) {
            bySubject.computeIfAbsent(entry.subjectId(), s -> new ArrayList<>()).add(entry);
        }
        for (List<ActivityLogEntry> entries : bySubject.values()) {
            entries.sort(Comparator.comparingLong(ActivityLogEntry::startEpochSecond));
            for (int i = 1; i < entries.size(); i++) {
                ActivityLogEntry previous = entries.get(i - 1);
                ActivityLogEntry current = entries.get(i);
                if (current.startEpochSecond() < previous.endEpochSecond()) {
                    throw new IllegalArgumentException("activity log entries of " + current.subjectId()
                            + " overlap: " + previous.activity().label() + " until " + previous.endEpochSecond()
                            + " and " + current.activity().label() + " from " + current.startEpochSecond());
                }
            }
        }
        return bySubject;
    }
}
