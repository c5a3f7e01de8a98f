package org.fdcfabric.datacenter.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.TestCenter;
import org.fdcfabric.protocol.edge.EdgeIngestGrpc;
import org.fdcfabric.protocol.edge.EdgeReading;
import org.fdcfabric.protocol.edge.ReadingBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeAgentTest {
    @TempDir
    Path dir;

    private TestPki pki;
    private final SimpleMeterRegistry centerMeters = new SimpleMeterRegistry();
    private final SimpleMeterRegistry agentMeters = new SimpleMeterRegistry();

    @BeforeEach
    void pki() {
        pki = new TestPki(dir.resolve("pki"));
    }

    private EdgeAgent agent(CountingSensor sensor, int port, String certificateFor) {
        EdgeAgentConfig config =
                new EdgeAgentConfig("pi-1", "kid-1", 200, 40, Duration.ofSeconds(2), Duration.ofMillis(200));
        return new EdgeAgent(
                config,
                sensor,
                EdgeBuffer.open(dir.resolve("agent").resolve("buffer.mv")),
                EdgeAgent.channel("localhost", port, pki.device(certificateFor)),
                Clock.systemUTC(),
                agentMeters);
    }

    private double ingested(String result) {
        return centerMeters
                .get("fdc.edge.ingest.readings")
                .tag("result", result)
                .counter()
                .count();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long stored(TestCenter center) {
        return center.readings.stream("pi-1").isPresent() ? center.readings.count("pi-1") : 0;
    }

    private static void assertExactlyOnce(List<Reading> readings, int taken) {
        assertThat(readings)
                .extracting(Reading::sequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, taken).boxed().toList());
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.values()).containsExactly(CountingSensor.expected(r.sequence()));
            assertThat(r.subject()).isEqualTo("kid-1");
        });
    }

    @Nested
    class CenterRestart {
        @Test
        void noReadingIsLostOrDuplicatedAcrossARestartOfTheCenter() throws Exception {
            Path centerDir = dir.resolve("center");
            TlsFiles centerTls = pki.center();
            CountingSensor sensor = new CountingSensor();
            TestCenter center = new TestCenter(centerDir);
            EdgeServer server = EdgeServer.start(0, centerTls, center.readings, centerMeters);
            int port = server.port();
            try (EdgeAgent agent = agent(sensor, port, "pi-1")) {
                agent.start();
                TestCenter first = center;
                await(() -> stored(first) >= 50, "the first readings to arrive");

                server.close();
                center.close();
                int atOutage = sensor.taken();
                await(() -> sensor.taken() >= atOutage + 100, "sampling to go on while the center is down");
                assertThat(agent.buffered()).isGreaterThanOrEqualTo(100);

                center = new TestCenter(centerDir);
                server = EdgeServer.start(port, centerTls, center.readings, centerMeters);
                TestCenter second = center;
                await(() -> stored(second) > atOutage + 100, "buffered readings to arrive after the restart");
                agent.stopSampling();
                assertThat(agent.awaitDrained(Duration.ofSeconds(20))).isTrue();

                assertExactlyOnce(center.readings.read("pi-1"), sensor.taken());
                assertThat(agent.sendFailures()).isPositive();
                assertThat(ingested("stored")).isEqualTo(sensor.taken());
                assertThat(agentMeters.get("fdc.edge.agent.buffered").gauge().value())
                        .isZero();
                assertThat(agentMeters
                                .get("fdc.edge.agent.send.failures")
                                .functionCounter()
                                .count())
                        .isPositive();
            } finally {
                server.close();
                center.close();
            }
        }
    }

    @Nested
    class LostAcknowledgement {
        @Test
        void aBatchStoredButNotAcknowledgedIsResentAndStoredOnce() throws Exception {
            AtomicInteger pushes = new AtomicInteger();
            ServerInterceptor loseSecondAck = new ServerInterceptor() {
                @Override
                public <Q, R> ServerCall.Listener<Q> interceptCall(
                        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                    boolean lose =
                            call.getMethodDescriptor().getBareMethodName().equals("Push")
                                    && pushes.incrementAndGet() == 2;
                    if (!lose) {
                        return next.startCall(call, headers);
                    }
                    return next.startCall(
                            new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                                @Override
                                public void sendMessage(R message) {}

                                @Override
                                public void close(Status status, Metadata trailers) {
                                    super.close(Status.UNAVAILABLE.withDescription("ack lost on the way"), trailers);
                                }
                            },
                            headers);
                }
            };
            CountingSensor sensor = new CountingSensor();
            try (TestCenter center = new TestCenter(dir.resolve("center"));
                    EdgeServer server =
                            EdgeServer.start(0, pki.center(), center.readings, centerMeters, loseSecondAck);
                    EdgeAgent agent = agent(sensor, server.port(), "pi-1")) {
                agent.start();
                await(() -> pushes.get() >= 4, "pushes after the lost acknowledgement");
                agent.stopSampling();
                assertThat(agent.awaitDrained(Duration.ofSeconds(20))).isTrue();

                assertExactlyOnce(center.readings.read("pi-1"), sensor.taken());
                assertThat(ingested("duplicate")).isPositive(); // the resent batch reached the store and was skipped
                assertThat(ingested("stored")).isEqualTo(sensor.taken());
            }
        }
    }

    @Nested
    class Identity {
        @Test
        void aDeviceCannotWriteAnotherDevicesStream() {
            try (TestCenter center = new TestCenter(dir.resolve("center"));
                    EdgeServer server = EdgeServer.start(0, pki.center(), center.readings, centerMeters)) {
                ManagedChannel channel = EdgeAgent.channel("localhost", server.port(), pki.device("pi-2"));
                try {
                    ReadingBatch batch = ReadingBatch.newBuilder()
                            .setDeviceId("pi-1")
                            .setSensorModel("ADXL345")
                            .addReadings(EdgeReading.newBuilder()
                                    .setSequence(1)
                                    .addValues(0)
                                    .addValues(0)
                                    .addValues(1))
                            .build();
                    assertThatThrownBy(() -> EdgeIngestGrpc.newBlockingStub(channel)
                                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                                    .push(batch))
                            .isInstanceOf(StatusRuntimeException.class)
                            .hasMessageContaining("PERMISSION_DENIED")
                            .hasMessageContaining("certificate is for device pi-2");
                    assertThat(center.readings.streams()).isEmpty();
                    assertThat(centerMeters
                                    .get("fdc.edge.ingest.refused")
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                } finally {
                    channel.shutdownNow();
                }
            }
        }

        @Test
        void aMalformedBatchIsRefusedAsInvalidArgument() {
            try (TestCenter center = new TestCenter(dir.resolve("center"));
                    EdgeServer server = EdgeServer.start(0, pki.center(), center.readings, centerMeters)) {
                ManagedChannel channel = EdgeAgent.channel("localhost", server.port(), pki.device("pi-1"));
                try {
                    ReadingBatch twoValues = ReadingBatch.newBuilder()
                            .setDeviceId("pi-1")
                            .setSensorModel("ADXL345")
                            .addReadings(EdgeReading.newBuilder()
                                    .setSequence(1)
                                    .addValues(0)
                                    .addValues(0))
                            .build();
                    assertThatThrownBy(() -> EdgeIngestGrpc.newBlockingStub(channel)
                                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                                    .push(twoValues))
                            .hasMessageContaining("INVALID_ARGUMENT")
                            .hasMessageContaining("reading 1 has 2 values, ADXL345 has 3 channels");
                    assertThat(center.readings.streams()).isEmpty();
                } finally {
                    channel.shutdownNow();
                }
            }
        }
    }
}
