/** Aggregation of the centers' updates: FedAvg weighted by sample counts. */
package org.fdcfabric.compute.aggregation;
