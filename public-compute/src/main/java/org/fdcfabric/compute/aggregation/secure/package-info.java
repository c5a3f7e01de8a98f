/**
 * The compute node's side of secure aggregation: the round's explicit state machine, which relays keys and
 * shares, sums masked inputs, reconstructs the seeds it is owed and unmasks only the sum.
 */
package org.fdcfabric.compute.aggregation.secure;
