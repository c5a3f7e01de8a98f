/**
 * Benchmark of secure aggregation against plain FedAvg for one round: both measured in the same run on the same
 * updates, with the time split by party and step.
 */
package org.fdcfabric.benchmarks.aggregation;
