/**
 * Test support for Fabric chaincode: an in-memory ledger that implements the shim's {@code ChaincodeStub} with
 * Fabric's semantics (sorted state, staged writes, history, pagination, cross-channel calls) and runs transactions
 * through the real contract router, plus organisations and users with real X.509 certificates.
 */
package org.fdcfabric.chaincode.testing;
