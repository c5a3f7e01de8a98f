/**
 * Federation benchmarks, one runnable class each: FedAvg throughput against a naive baseline, the coordinator's
 * per-round overhead against local training time, and FDC's case study (federated vs centralized accuracy).
 */
package org.fdcfabric.benchmarks.federation;
