package org.fdcfabric.chaincode.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * Builds the shim's real {@link ContractRouter}, as {@code ContractRouter.main} does, minus the network: the
 * router scans the classpath for {@code @Contract} classes and routes {@code contract:Transaction} functions with
 * the shim's own argument marshalling and error mapping. Scanning takes about a second, so build one router per
 * test class and share it between ledgers: the router keeps no per-transaction state.
 */
public final class ContractRouters {
    private static final String FABRIC_LOGGER = "org.hyperledger.fabric";

    private ContractRouters() {}

    /** A router whose chaincode id is {@code chaincodeId} (e.g. {@code registration:1.0}). */
    public static ContractRouter scanClasspath(String chaincodeId) {
        ContractRouter router = new ContractRouter(new String[] {"--id", chaincodeId});
        // after the constructor, which resets the shim's log levels, and before the scan, which logs metadata
        quietShimLogging();
        try {
            // the public entry point that registers contracts; our "server" is the in-memory ledger
            router.startRouterWithChaincodeServer(new InMemoryServer());
        } catch (IOException e) {
            throw new IllegalStateException("contract router failed to start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the contract router", e);
        }
        return router;
    }

    /**
     * The shim logs three INFO lines per transaction and a SEVERE stack trace for every ChaincodeException, which
     * are deliberate business errors here. Keep WARNING and above, minus those business errors; unexpected
     * failures still print with their stack trace.
     */
    private static void quietShimLogging() {
        Logger fabric = Logger.getLogger(FABRIC_LOGGER);
        Logger.getLogger(FABRIC_LOGGER + ".shim").setLevel(Level.WARNING);
        Logger.getLogger(FABRIC_LOGGER + ".contract").setLevel(Level.WARNING);
        fabric.setLevel(Level.WARNING);
        if (Arrays.stream(fabric.getHandlers()).noneMatch(BusinessErrorFilter.class::isInstance)) {
            fabric.setUseParentHandlers(false);
            fabric.addHandler(new BusinessErrorFilter());
        }
    }

    private static final class InMemoryServer implements ChaincodeServer {
        @Override
        public void start() {}

        @Override
        public void stop() {}
    }

    /** Forwards shim log records to the root handlers, except the ones reporting a ChaincodeException. */
    private static final class BusinessErrorFilter extends Handler {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.contains("org.hyperledger.fabric.shim.ChaincodeException")) {
                return;
            }
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.publish(record);
            }
        }

        @Override
        public void flush() {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.flush();
            }
        }

        @Override
        public void close() {}
    }
}
