package org.fdcfabric.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.devnet.Devnet;
import org.fdcfabric.devnet.chaincode.ChaincodeUnavailableException;
import org.fdcfabric.devnet.config.DevnetConfig;

/**
 * An in-process devnet for one integration test class, with the gateway connections its tests open as the devnet's
 * identities; closing it closes those connections, then the devnet. The integration tests that start a devnet share
 * it so that each does not keep its own connection list and tear-down.
 */
public final class RunningDevnet implements AutoCloseable {
    private final Devnet devnet;
    private final List<FdcConnection> connections = new ArrayList<>();

    private RunningDevnet(Devnet devnet) {
        this.devnet = devnet;
    }

    /** The repository's root, where the chaincode jars are built: {@code -Dfdc.root}, else the module's parent. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts a devnet with its data under {@code dataDirectory}, on a free port. */
    public static RunningDevnet start(DevnetConfig config, Path dataDirectory)
            throws IOException, ChaincodeUnavailableException {
        return new RunningDevnet(Devnet.start(config, dataDirectory, 0));
    }

    public Path profileFile() {
        return devnet.profileFile();
    }

    /** A gateway connection as {@code identity} (a name in the devnet's profile), closed with the devnet. */
    public synchronized FdcConnection as(String identity) throws ProfileInvalid {
        FdcConnection connection = FdcConnection.builder()
                .profile(profileFile())
                .identity(identity)
                .connect();
        connections.add(connection);
        return connection;
    }

    @Override
    public synchronized void close() {
        connections.forEach(FdcConnection::close);
        devnet.close();
    }
}
