package org.fdcfabric.compute.coordinator;

import io.grpc.ManagedChannel;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A connection to one center's Federation service and the center's certified key for the job key agreement. The
 * channel is a {@link ManagedChannel} so the coordinator can cut gRPC's reconnect backoff short for a center that
 * was unreachable.
 */
public record CenterEndpoint(ManagedChannel channel, PublicKey agreementKey) {
    public CenterEndpoint {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(agreementKey, "agreementKey");
    }
}
