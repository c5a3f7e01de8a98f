package org.fdcfabric.datacenter.governance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of governance and what it did: how many items came out, how many it dropped and why (reason to
 * count), and notes: the first issues in full, each naming its source line or reading, and what the step
 * changed. {@code unit} says what was counted (rows, readings, windows, subjects).
 */
public record GovernanceStep(
        String name, String unit, long kept, long dropped, Map<String, Long> droppedBy, List<String> notes) {
    public static final int MAX_NOTES = 100;

    public GovernanceStep {
        droppedBy = new TreeMap<>(droppedBy);
        notes = List.copyOf(notes);
        long sum = droppedBy.values().stream().mapToLong(Long::longValue).sum();
        if (sum != dropped) {
            throw new IllegalArgumentException(
                    "step " + name + ": dropped " + dropped + " but reasons add up to " + sum);
        }
    }
}
