package org.fdcfabric.compute.coordinator;

import io.grpc.Channel;
import java.security.PublicKey;
import java.util.Objects;

/** A connection to one center's Federation service and the center's certified key for the job key agreement. */
public record CenterEndpoint(Channel channel, PublicKey agreementKey) {
    public CenterEndpoint {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(agreementKey, "agreementKey");
    }
}
