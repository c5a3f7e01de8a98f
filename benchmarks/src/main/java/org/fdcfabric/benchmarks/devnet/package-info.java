/** Throughput and latency of the embedded devnet through the unchanged Fabric Gateway SDK. */
package org.fdcfabric.benchmarks.devnet;
