package org.fdcfabric.cli.dataset;

import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.datacenter.chain.ChainUclRegistry;
import org.fdcfabric.datacenter.ucl.UclRegistry;

/** The registration channel through the gateway client, as {@code --as} with {@code --profile}. */
public final class GatewayUclRegistries implements UclRegistryProvider {
    private final CliContext context;

    public GatewayUclRegistries(CliContext context) {
        this.context = context;
    }

    @Override
    public RegistrySession open(CommonOptions connection) throws FdcClientException {
        FdcConnection opened = context.connector()
                .connect(connection.profile(context.environment()), connection.identity(context.environment()));
        UclRegistry registry = new ChainUclRegistry(opened.registration());
        return new RegistrySession() {
            @Override
            public UclRegistry registry() {
                return registry;
            }

            @Override
            public void close() {
                opened.close();
            }
        };
    }
}
