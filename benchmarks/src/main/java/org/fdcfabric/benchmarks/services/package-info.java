/**
 * The services benchmark: a training round through {@code CenterService} and {@code ComputeService} in separate
 * JVMs against the same services in one JVM, on the devnet, for FDC's MLP and three centers.
 */
package org.fdcfabric.benchmarks.services;
