package org.fdcfabric.compute.coordinator;

import org.fdcfabric.compute.job.UclAddress;

/**
 * Turns a UCL's address into a connection (port): {@link TlsCenterDirectory} over mutual TLS in production;
 * in-process channels inside one JVM for experiments and tests.
 */
public interface CenterDirectory extends AutoCloseable {
    CenterEndpoint connect(UclAddress ucl);

    @Override
    void close();
}
