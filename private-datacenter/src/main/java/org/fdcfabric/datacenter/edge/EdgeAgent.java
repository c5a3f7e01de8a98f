package org.fdcfabric.datacenter.edge;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fdcfabric.datacenter.device.Sensor;
import org.fdcfabric.datacenter.device.SensorException;
import org.fdcfabric.protocol.edge.EdgeIngestGrpc;
import org.fdcfabric.protocol.edge.EdgeReading;
import org.fdcfabric.protocol.edge.PushAck;
import org.fdcfabric.protocol.edge.ReadingBatch;
import org.fdcfabric.protocol.edge.ResumeRequest;

/**
 * Samples a sensor at a fixed rate into the on-disk {@link EdgeBuffer} and, on a second thread, sends the
 * buffer to the center in batches, forgetting a sample only when the center's acknowledgement covers it. While
 * the center is unreachable samples pile up on disk and sending retries with capped exponential backoff; when
 * an acknowledgement is lost the batch is simply sent again, since the center skips what it already stored.
 */
public final class EdgeAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EdgeAgent.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final EdgeAgentConfig config;
    private final Sensor sensor;
    private final EdgeBuffer buffer;
    private final ManagedChannel channel;
    private final Clock clock;
    private final ScheduledExecutorService sampler;
    private final Thread sender;
    private final AtomicLong sampleFailures = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    /** Wakes the sender from its pauses on close; interrupting it instead could close the buffer's file. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    public EdgeAgent(
            EdgeAgentConfig config,
            Sensor sensor,
            EdgeBuffer buffer,
            ManagedChannel channel,
            Clock clock,
            MeterRegistry meters) {
        this.config = config;
        this.sensor = sensor;
        this.buffer = buffer;
        this.channel = channel;
        this.clock = clock;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edge-sampler"));
        this.sender = new Thread(this::sendLoop, "edge-sender");
        this.sender.setDaemon(true);
        Gauge.builder("fdc.edge.agent.buffered", buffer, EdgeBuffer::size)
                .description("Samples on disk not yet acknowledged by the center")
                .register(meters);
        FunctionCounter.builder("fdc.edge.agent.sample.failures", sampleFailures, AtomicLong::get)
                .description("Samples the sensor could not take")
                .register(meters);
        FunctionCounter.builder("fdc.edge.agent.send.failures", sendFailures, AtomicLong::get)
                .description("Calls to the center that failed and were retried")
                .register(meters);
    }

    /** A mutual-TLS channel to the center at {@code host:port} with the device's certificate. */
    public static ManagedChannel channel(String host, int port, TlsFiles tls) {
        try {
            TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                    .keyManager(
                            tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.trustedCa().toFile());
            return Grpc.newChannelBuilderForAddress(host, port, credentials.build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the device's TLS files: " + e.getMessage(), e);
        }
    }

    public void start() {
        long periodMicros = Math.max(1, Math.round(1_000_000 / config.samplesPerSecond()));
        sampler.scheduleAtFixedRate(this::sampleOnce, 0, periodMicros, TimeUnit.MICROSECONDS);
        sender.start();
    }

    private void sampleOnce() {
        try {
            buffer.append(clock.millis(), sensor.sample());
        } catch (SensorException e) {
            // A bad sample is skipped, not invented; the gap shows in governance as a missing second.
            sampleFailures.incrementAndGet();
            LOG.log(Level.WARNING, "sample skipped: {0}", e.getMessage());
        } catch (RuntimeException e) {
            sampleFailures.incrementAndGet();
            LOG.log(Level.ERROR, "sampling failed", e);
        }
    }

    /** Stops sampling; samples already buffered are still sent until {@link #close()}. */
    public void stopSampling() {
        sampler.shutdown();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the buffer is empty (everything acknowledged) or the timeout passes; true when empty. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.size() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void sendLoop() {
        EdgeIngestGrpc.EdgeIngestBlockingStub stub = EdgeIngestGrpc.newBlockingStub(channel);
        Duration backoff = FIRST_BACKOFF;
        boolean resumed = false;
        while (stopping.getCount() > 0) {
            try {
                if (!resumed) {
                    long last = stub.withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS)
                            .resume(ResumeRequest.newBuilder()
                                    .setDeviceId(config.deviceId())
                                    .build())
                            .getLastSequence();
                    buffer.acknowledge(last);
                    resumed = true;
                }
                List<EdgeBuffer.Entry> batch = buffer.peek(config.batchSize());
                if (batch.isEmpty()) {
                    pause(Duration.ofMillis(Math.max(1, Math.round(1000 / config.samplesPerSecond()))));
                    continue;
                }
                PushAck ack = stub.withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS)
                        .push(toBatch(batch));
                buffer.acknowledge(ack.getLastSequence());
                backoff = FIRST_BACKOFF;
            } catch (StatusRuntimeException e) {
                sendFailures.incrementAndGet();
                LOG.log(
                        Level.DEBUG,
                        "center unreachable or refused ({0}); retrying in {1} ms",
                        e.getStatus().getCode(),
                        backoff.toMillis());
                channel.resetConnectBackoff();
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            } catch (RuntimeException e) {
                sendFailures.incrementAndGet();
                LOG.log(Level.ERROR, "sending failed; readings stay buffered", e);
                pause(config.maxBackoff());
            }
        }
    }

    private ReadingBatch toBatch(List<EdgeBuffer.Entry> entries) {
        ReadingBatch.Builder batch = ReadingBatch.newBuilder()
                .setDeviceId(config.deviceId())
                .setSensorModel(sensor.model().name())
                .setSubject(config.subject());
        for (EdgeBuffer.Entry e : entries) {
            EdgeReading.Builder reading =
                    EdgeReading.newBuilder().setSequence(e.sequence()).setTimestampMillis(e.timestampMillis());
            for (double v : e.values()) {
                reading.addValues(v);
            }
            batch.addReadings(reading);
        }
        return batch.build();
    }

    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Samples the sensor could not take. */
    public long sampleFailures() {
        return sampleFailures.get();
    }

    /** Calls to the center that failed (and were retried). */
    public long sendFailures() {
        return sendFailures.get();
    }

    public int buffered() {
        return buffer.size();
    }

    @Override
    public void close() {
        stopSampling();
        stopping.countDown();
        try {
            sender.join(config.callDeadline().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
        sensor.close();
        buffer.close();
    }
}
