package org.fdcfabric.cli.demo;

/**
 * The run directory: {@value #DEVNET} (ledgers, crypto material, chaincode logs), {@value #CENTERS} (each
 * institution's store and keystore), {@value #MODELS} (each round's and the final model with its provenance)
 * , {@value #METRICS} (each component's last metrics scrape) and the reports.
 */
public final class DemoLayout {
    public static final String DEVNET = "devnet";
    static final String CENTERS = "centers";
    static final String MODELS = "models";
    /** Each organisation's TLS identity as files ({@code server.crt}, {@code server.key}, {@code ca.crt}). */
    static final String TLS = "tls";

    static final String METRICS = "metrics";

    private DemoLayout() {}
}
