/**
 * The Prometheus scrape endpoint of an FDC process: {@link org.fdcfabric.metrics.MetricsEndpoint} serves a
 * Micrometer Prometheus registry's meters on {@code /metrics} over plain HTTP, bound to loopback unless told
 * otherwise.
 */
package org.fdcfabric.metrics;
