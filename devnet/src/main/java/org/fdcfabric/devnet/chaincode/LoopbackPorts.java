package org.fdcfabric.devnet.chaincode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a free TCP port on the loopback interface (for chaincode servers and the gateway). */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
