package org.fdcfabric.metrics;

import java.util.Objects;

/**
 * Where a metrics endpoint listens: a host name or address and a port ({@code 0} picks a free one). Loopback by
 * default: the meters are not secret, but nothing outside the machine should reach a process's internals unless
 * its operator chose so.
 */
public record MetricsBinding(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    public MetricsBinding {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the metrics host is empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the metrics port must be 0..65535 (0 picks a free port), not " + port);
        }
    }

    /** Loopback, on {@code port}. */
    public static MetricsBinding loopback(int port) {
        return new MetricsBinding(LOOPBACK, port);
    }

    /** The same host, on {@code port}. */
    public MetricsBinding withPort(int newPort) {
        return new MetricsBinding(host, newPort);
    }
}
