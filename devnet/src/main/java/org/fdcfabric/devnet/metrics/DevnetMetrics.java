package org.fdcfabric.devnet.metrics;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.fdcfabric.devnet.ledger.ChannelLedger;

/**
 * Wires the devnet's meters into a registry: {@link #gateway} wraps the Gateway service with the request
 * interceptor, {@link #watch} puts the commit listener and the height gauge on a channel's ledger.
 *
 * <p>Channel and chaincode labels take only the names the devnet was configured with (anything else a client
 * sends is {@code other}), so a client cannot grow the number of time series.
 */
public final class DevnetMetrics {
    /** Histogram buckets of the latency timers: from a fast evaluate to a slow block. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry meters;
    private final Map<String, Set<String>> chaincodes;
    private final SubmitTimes submits = new SubmitTimes();

    /** @param chaincodes each channel's chaincode names, as configured */
    public DevnetMetrics(MeterRegistry meters, Map<String, Set<String>> chaincodes) {
        this.meters = meters;
        this.chaincodes = Map.copyOf(chaincodes);
    }

    public ServerServiceDefinition gateway(BindableService service) {
        return ServerInterceptors.intercept(
                service, new GatewayMetricsInterceptor(meters, new Labels(chaincodes), submits));
    }

    /** Meters {@code ledger}'s commits from now on; the returned handle stops listening. */
    public AutoCloseable watch(ChannelLedger ledger) {
        Gauge.builder("fdc.devnet.block.height", ledger, ChannelLedger::height)
                .description("committed blocks of the channel (the next block's number)")
                .tag("channel", ledger.channelId())
                .register(meters);
        return ledger.addCommitListener(new CommitMetrics(meters, submits));
    }

    /** Channel and chaincode label values, limited to the configured names. */
    record Labels(Map<String, Set<String>> chaincodes) {
        static final String OTHER = "other";

        String channel(String channel) {
            return chaincodes.containsKey(channel) ? channel : OTHER;
        }

        String chaincode(String channel, String chaincode) {
            return chaincodes.getOrDefault(channel, Set.of()).contains(chaincode) ? chaincode : OTHER;
        }
    }
}
