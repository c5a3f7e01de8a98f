package org.fdcfabric.cli.dataset;

import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.datacenter.ucl.UclRegistry;

/** How the dataset commands reach the registration channel; the root command supplies the gateway client's. */
@FunctionalInterface
public interface UclRegistryProvider {
    /** Opens the registry as the identity and profile the options name; the caller closes the session. */
    RegistrySession open(CommonOptions connection) throws FdcClientException;

    /** A registry and whatever connection backs it. */
    interface RegistrySession extends AutoCloseable {
        UclRegistry registry();

        @Override
        void close();

        /** A session over a registry that holds no connection of its own. */
        static RegistrySession of(UclRegistry registry) {
            return new RegistrySession() {
                @Override
                public UclRegistry registry() {
                    return registry;
                }

                @Override
                public void close() {}
            };
        }
    }
}
