package org.fdcfabric.compute.coordinator;

import java.security.PublicKey;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.protocol.federation.FederationGrpc;

/**
 * A connected center: its UCL, stub, the job's update cipher shared with it, and its certified organisation key
 * (which also signs its secure-aggregation advertisements).
 */
record ConnectedCenter(
        UclAddress ucl, FederationGrpc.FederationFutureStub stub, UpdateCipher cipher, PublicKey organisationKey) {}
