package org.fdcfabric.datacenter.edge;

import java.time.Duration;
import java.util.Objects;
import org.fdcfabric.datacenter.store.StreamDescriptor;

/**
 * How an edge agent runs: its device id (the common name of its certificate), whom the device is worn by
 * (empty for nobody), samples per second, the largest batch it sends, the deadline of each call, and the
 * longest wait between attempts while the center is unreachable.
 */
public record EdgeAgentConfig(
        String deviceId,
        String subject,
        double samplesPerSecond,
        int batchSize,
        Duration callDeadline,
        Duration maxBackoff) {
    public EdgeAgentConfig {
        Objects.requireNonNull(subject, "subject");
        StreamDescriptor.requireValidId(Objects.requireNonNull(deviceId, "deviceId"));
        if (!(samplesPerSecond > 0 && samplesPerSecond <= 1000)) {
            throw new IllegalArgumentException("samplesPerSecond must be in (0, 1000], was " + samplesPerSecond);
        }
        if (batchSize < 1 || batchSize > EdgeIngestService.MAX_BATCH) {
            throw new IllegalArgumentException(
                    "batchSize must be in 1.." + EdgeIngestService.MAX_BATCH + ", was " + batchSize);
        }
        if (subject.length() > EdgeIngestService.MAX_SUBJECT) {
            throw new IllegalArgumentException("subject longer than " + EdgeIngestService.MAX_SUBJECT);
        }
        Objects.requireNonNull(callDeadline, "callDeadline");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    public static EdgeAgentConfig defaults(String deviceId, String subject, double samplesPerSecond) {
        return new EdgeAgentConfig(
                deviceId, subject, samplesPerSecond, 500, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
