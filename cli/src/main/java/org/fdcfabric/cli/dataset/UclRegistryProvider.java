package org.fdcfabric.cli.dataset;

import org.fdcfabric.datacenter.ucl.UclRegistry;

/** How the dataset commands reach the registration channel; the root command supplies the gateway client's. */
@FunctionalInterface
public interface UclRegistryProvider {
    UclRegistry registry();
}
