/** Aggregation of the centers' updates: FedAvg weighted by sample counts, and the server optimizer (FedAdam, FedYogi) that turns a round's aggregate into the next global model. */
package org.fdcfabric.compute.aggregation;
