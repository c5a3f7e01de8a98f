package org.fdcfabric.benchmarks.services;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.service.ComputeConfig;
import org.fdcfabric.compute.service.ComputeService;
import org.fdcfabric.datacenter.service.CenterConfig;
import org.fdcfabric.datacenter.service.CenterService;

/**
 * One service in a JVM of its own, from its YAML config, as {@code fdc center serve} and {@code fdc compute serve}
 * start it (the benchmarks module cannot depend on the CLI): {@code center <center.yaml>} or {@code compute
 * <compute.yaml>}. Prints {@value #READY} once serving; SIGTERM stops it.
 */
public final class ServiceProcess {
    static final String READY = "service ready";

    private ServiceProcess() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AutoCloseable service;
        FdcConnection connection;
        if ("center".equals(args[0])) {
            CenterConfig config = CenterConfig.read(file, System.getenv());
            connection = FdcConnection.builder()
                    .profile(config.profile())
                    .identity(config.identity())
                    .connect();
            service = CenterService.start(config, connection, meters, Clock.systemUTC(), new SecureRandom());
        } else {
            ComputeConfig config = ComputeConfig.read(file);
            connection = FdcConnection.builder()
                    .profile(config.profile())
                    .identity(config.identity())
                    .connect();
            service = ComputeService.start(config, connection, meters, RoundListener.NONE);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            } finally {
                connection.close();
                stopped.countDown();
            }
        }));
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }
}
