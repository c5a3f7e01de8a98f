package org.fdcfabric.compute.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.fdcfabric.compute.job.Absence;

/** Waiting for the centers' answers to one fan-out of calls, and naming why a center did not answer. */
final class CenterCalls {
    private CenterCalls() {}

    /** Each center's answer, or the {@link StatusRuntimeException} its call ended with; in the order given. */
    static <T> Map<String, Object> await(Map<String, ListenableFuture<T>> pending) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map.Entry<String, ListenableFuture<T>> entry : pending.entrySet()) {
            try {
                answers.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                answers.put(
                        entry.getKey(),
                        e.getCause() instanceof StatusRuntimeException s
                                ? s
                                : Status.UNKNOWN
                                        .withDescription(String.valueOf(e.getCause()))
                                        .asRuntimeException());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.values().forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while waiting for centers", e);
            }
        }
        return answers;
    }

    static Absence absence(String datasetId, Status status) {
        return absence(datasetId, status, "");
    }

    /** @param step prefixed to the reason, e.g. the secure-aggregation step the center missed */
    static Absence absence(String datasetId, Status status, String step) {
        String reason =
                step + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> new Absence(datasetId, Absence.Kind.STRAGGLER, reason);
            case PERMISSION_DENIED, UNAUTHENTICATED -> new Absence(datasetId, Absence.Kind.REFUSED, reason);
            default -> new Absence(datasetId, Absence.Kind.FAILED, reason);
        };
    }
}
