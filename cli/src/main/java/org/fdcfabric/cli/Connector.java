package org.fdcfabric.cli;

import java.nio.file.Path;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;

/** Opens a connection for a profile and identity. */
@FunctionalInterface
public interface Connector {
    FdcConnection connect(Path profile, String identity) throws FdcClientException;

    /** The real thing: a TLS connection to the profile's gateway. */
    static Connector gateway() {
        return (profile, identity) ->
                FdcConnection.builder().profile(profile).identity(identity).connect();
    }
}
