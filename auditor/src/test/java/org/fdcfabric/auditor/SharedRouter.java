package org.fdcfabric.auditor;

import org.fdcfabric.chaincode.testing.ContractRouters;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ContractRouter} (both chaincodes' contracts) and one consortium of {@link TestIdentities} for the
 * whole test run: scanning the classpath is the slowest step, and neither keeps per-transaction state. Kept in
 * JUnit's root store, not a static field.
 */
public final class SharedRouter implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ContractRouter.class || type == TestIdentities.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store =
                context.getRoot().getStore(ExtensionContext.Namespace.create(SharedRouter.class));
        if (parameter.getParameter().getType() == TestIdentities.class) {
            return store.getOrComputeIfAbsent("identities", k -> TestIdentities.create(), TestIdentities.class);
        }
        return store.getOrComputeIfAbsent(
                "router", k -> ContractRouters.scanClasspath("collaboration:1.0"), ContractRouter.class);
    }
}
