package org.fdcfabric.chaincode.collaboration;

import org.fdcfabric.chaincode.testing.ContractRouters;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies one {@link ContractRouter} to every test class of the run: scanning the classpath for contracts is by
 * far the slowest step of these tests, and the router keeps no per-transaction state. Kept in JUnit's root store
 * rather than a static field so its lifetime is the test run's.
 */
public final class SharedRouter implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ContractRouter.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(SharedRouter.class))
                .getOrComputeIfAbsent(
                        "router", k -> ContractRouters.scanClasspath("collaboration:1.0"), ContractRouter.class);
    }
}
