/**
 * The data center's side of secure aggregation: it masks its update so the compute node learns only the sum, and
 * deals and later reveals Shamir shares of its mask seeds so the round survives other centers dropping out.
 */
package org.fdcfabric.datacenter.masking;
