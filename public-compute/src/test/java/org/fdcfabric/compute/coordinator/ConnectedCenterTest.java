package org.fdcfabric.compute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.DescribeResponse;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectedCenterTest {
    /** A center that only says its name: enough to tell whether a call reached it. */
    private static final class NamedCenter extends FederationGrpc.FederationImplBase {
        @Override
        public void describe(DescribeRequest request, StreamObserver<DescribeResponse> response) {
            response.onNext(DescribeResponse.newBuilder().setCenterName("back").build());
            response.onCompleted();
        }
    }

    /** Plaintext channels to one loopback port, as many as asked for. */
    private final class LoopbackDirectory implements CenterDirectory {
        final List<ManagedChannel> opened = new ArrayList<>();

        @Override
        public CenterEndpoint connect(UclAddress ucl) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .build();
            opened.add(channel);
            return new CenterEndpoint(channel, centerKey);
        }

        @Override
        public void close() {
            opened.forEach(ManagedChannel::shutdownNow);
        }
    }

    private final PublicKey centerKey;
    private int port;
    private final LoopbackDirectory directory = new LoopbackDirectory();
    private Server server;

    ConnectedCenterTest() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        centerKey = generator.generateKeyPair().getPublic();
    }

    @BeforeEach
    void freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        directory.close();
        if (server != null) {
            server.shutdownNow();
        }
    }

    private ConnectedCenter center() {
        ManagedChannel channel = directory.connect(null).channel();
        return new ConnectedCenter(null, channel, ConnectedCenter.stub(channel), null, null);
    }

    private static String describe(ConnectedCenter center) throws Exception {
        return center.stub()
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .describe(DescribeRequest.getDefaultInstance())
                .get()
                .getCenterName();
    }

    private void startCenter() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new NamedCenter())
                .build()
                .start();
    }

    @Test
    void aCenterThatCameBackIsReachedAtTheNextRoundOverANewChannel() throws Exception {
        ConnectedCenter down = center();
        // the center is down: the call fails and the channel backs off before it tries again
        assertThatThrownBy(() -> describe(down))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining(Status.Code.UNAVAILABLE.name());

        startCenter();
        ConnectedCenter next = down.reconnected(directory);

        // without a new channel, a call in the backoff window fails at once with UNAVAILABLE
        assertThat(describe(next)).isEqualTo("back");
        if (next != down) {
            assertThat(down.channel().isShutdown()).isTrue();
            assertThat(next.ucl()).isSameAs(down.ucl());
            assertThat(next.cipher()).isSameAs(down.cipher());
        } else {
            // a loaded machine let the backoff run out first: the old channel was connecting again already
            assertThat(down.channel().getState(false)).isNotEqualTo(ConnectivityState.TRANSIENT_FAILURE);
        }
    }

    @Test
    void aCenterStillDownFailsAtOnceOverTheNewChannel() throws Exception {
        ConnectedCenter down = center();
        assertThatThrownBy(() -> describe(down)).hasMessageContaining(Status.Code.UNAVAILABLE.name());

        ConnectedCenter next = down.reconnected(directory);

        long started = System.nanoTime();
        assertThatThrownBy(() -> describe(next)).hasMessageContaining(Status.Code.UNAVAILABLE.name());
        // refused, not waiting for the 10 s deadline: a dead center does not hold up the round
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aReachableCenterKeepsItsChannel() throws Exception {
        startCenter();
        ConnectedCenter up = center();
        assertThat(describe(up)).isEqualTo("back");

        assertThat(up.reconnected(directory)).isSameAs(up);
        assertThat(directory.opened).hasSize(1);
    }
}
