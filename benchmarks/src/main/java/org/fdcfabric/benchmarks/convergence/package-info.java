/**
 * Convergence benchmarks: rounds-to-parity of federated training (FedAvg, FedAdam, FedYogi) against centralized
 * training measured in the same run, on the case study and on public tabular datasets.
 */
package org.fdcfabric.benchmarks.convergence;
