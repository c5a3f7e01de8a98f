/**
 * An org's endorsing peer: proposal checks in Fabric's order, simulation through the chaincode runtime, and the
 * signed proposal response; plus the unpacking and hashing of proposals both the peer and the gateway need.
 */
package org.fdcfabric.devnet.peer;
