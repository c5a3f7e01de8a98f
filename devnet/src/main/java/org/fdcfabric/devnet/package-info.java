/**
 * The devnet: an embedded, single-process, Fabric-compatible network (crypto material, peers, chaincode servers,
 * ordering, commit, and the Gateway service over TLS), started from a config file and a data directory.
 */
package org.fdcfabric.devnet;
