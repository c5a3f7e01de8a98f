package org.fdcfabric.datacenter.edge;

import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.datacenter.store.ReadingStore;

/** The center's edge ingest endpoint: gRPC over TLS that requires a client certificate from the device CA. */
public final class EdgeServer implements AutoCloseable {
    private final Server server;

    private EdgeServer(Server server) {
        this.server = server;
    }

    /** Starts listening on the port (0 picks a free one). */
    public static EdgeServer start(int port, TlsFiles tls, ReadingStore store, MeterRegistry meters) {
        return start(port, tls, store, meters, new ServerInterceptor[0]);
    }

    /** As {@link #start(int, TlsFiles, ReadingStore, MeterRegistry)}, with interceptors run after identification. */
    static EdgeServer start(
            int port, TlsFiles tls, ReadingStore store, MeterRegistry meters, ServerInterceptor... inner) {
        try {
            TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder()
                    .keyManager(
                            tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.trustedCa().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            Server server = Grpc.newServerBuilderForPort(port, credentials.build())
                    .addService(ServerInterceptors.intercept(
                            ServerInterceptors.intercept(new EdgeIngestService(store, meters), inner),
                            new DeviceIdentityInterceptor()))
                    .maxInboundMessageSize(8 * 1024 * 1024)
                    .build()
                    .start();
            return new EdgeServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the edge server on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
