/**
 * Chaincode execution as a Fabric peer does it with chaincode-as-a-service: the chaincode server runs from its
 * shaded jar, each org peer dials its {@code Connect} stream, and transactions run through the shim protocol
 * against a simulation of committed state that produces the read/write set.
 */
package org.fdcfabric.devnet.chaincode;
