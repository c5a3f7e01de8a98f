package org.fdcfabric.datacenter.governance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fdcfabric.datacenter.device.Channel;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;

/**
 * Drops readings that cannot be trusted, in this order: a missing value (NaN or infinite) in any channel; a
 * value outside the sensor's datasheet range; a second reading of the same subject at the same instant (the
 * first one stays). Every drop is counted by reason and the first ones are noted with their source line.
 */
public final class ReadingCleaner {
    public static final String STEP = "cleaning";
    public static final String MISSING = "missing-value";
    public static final String OUT_OF_RANGE = "out-of-range";
    public static final String DUPLICATE = "duplicate";

    /** The readings that passed, and the step's account of the rest. */
    public record Result(List<Reading> kept, GovernanceStep step) {}

    public Result clean(StreamDescriptor stream, List<Reading> readings) {
        List<Channel> channels = stream.model().channels();
        List<Reading> kept = new ArrayList<>(readings.size());
        Map<String, Long> dropped = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Set<SubjectInstant> seen = new HashSet<>();
        for (Reading r : readings) {
            String reason = null;
            String detail = null;
            for (int c = 0; c < channels.size() && reason == null; c++) {
                Channel channel = channels.get(c);
                double value = r.value(c);
                if (!Double.isFinite(value)) {
                    reason = MISSING;
                    detail = "channel " + channel.name() + " has no value";
                } else if (!channel.accepts(value)) {
                    reason = OUT_OF_RANGE;
                    detail = "channel " + channel.name() + " is outside the " + stream.model() + " datasheet range ["
                            + channel.min() + ", " + channel.max() + "] " + channel.unit();
                }
            }
            if (reason == null && !seen.add(new SubjectInstant(r.subject(), r.timestampMillis()))) {
                reason = DUPLICATE;
                detail = "repeats an earlier reading of the same subject at the same time";
            }
            if (reason == null) {
                kept.add(r);
                continue;
            }
            dropped.merge(reason, 1L, Long::sum);
            if (notes.size() < GovernanceStep.MAX_NOTES) {
                notes.add(locate(stream, r) + ": " + reason + ": " + detail);
            }
        }
        long droppedCount = readings.size() - kept.size();
        return new Result(kept, new GovernanceStep(STEP, "readings", kept.size(), droppedCount, dropped, notes));
    }

    /** Names where a reading came from: its line for CSV imports, its sequence otherwise. */
    static String locate(StreamDescriptor stream, Reading reading) {
        String where = stream.source() == StreamSource.CSV ? "line " : "reading ";
        return stream.id() + " " + where + reading.sequence();
    }

    private record SubjectInstant(String subject, long timestampMillis) {}
}
