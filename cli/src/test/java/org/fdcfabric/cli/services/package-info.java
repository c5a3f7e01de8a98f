/** Every party as its own process: the devnet, three centers and the compute node as child JVMs, driven by fdc. */
package org.fdcfabric.cli.services;
