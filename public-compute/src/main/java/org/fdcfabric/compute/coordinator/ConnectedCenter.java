package org.fdcfabric.compute.coordinator;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.security.PublicKey;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.protocol.federation.FederationGrpc;

/**
 * A connected center: its UCL, channel and stub, the job's update cipher shared with it, and its certified
 * organisation key (which also signs its secure-aggregation advertisements).
 */
record ConnectedCenter(
        UclAddress ucl,
        ManagedChannel channel,
        FederationGrpc.FederationFutureStub stub,
        UpdateCipher cipher,
        PublicKey organisationKey) {
    private static final int MAX_MESSAGE = 256 * 1024 * 1024;

    static FederationGrpc.FederationFutureStub stub(ManagedChannel channel) {
        return FederationGrpc.newFutureStub(channel)
                .withMaxInboundMessageSize(MAX_MESSAGE)
                .withMaxOutboundMessageSize(MAX_MESSAGE);
    }

    /**
     * This center, or, if its channel failed to connect, the same center over a new channel (the failed one is shut
     * down). A failed channel waits longer after each attempt (gRPC's backoff, up to two minutes) and fails calls
     * at once meanwhile, so a center restarted after a crash would miss rounds it could take part in; a new
     * channel connects on the first call, which fails at once only if the center is still down.
     */
    ConnectedCenter reconnected(CenterDirectory directory) {
        if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return this;
        }
        ManagedChannel fresh = directory.connect(ucl).channel();
        channel.shutdownNow();
        return new ConnectedCenter(ucl, fresh, stub(fresh), cipher, organisationKey);
    }
}
