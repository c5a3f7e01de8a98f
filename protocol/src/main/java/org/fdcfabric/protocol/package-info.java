/**
 * Deterministic value types and wire formats shared by chaincode, devnet, client, data centers and the compute
 * node. Nothing here performs I/O, reads a clock or draws randomness, so chaincode can use all of it.
 */
package org.fdcfabric.protocol;
