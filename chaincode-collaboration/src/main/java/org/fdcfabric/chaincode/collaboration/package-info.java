/**
 * Shared machinery of the collaboration chaincode: the per-transaction ledger view with read-your-writes, the
 * caller's identity and role, error codes, input parsing and the read-only view of the registration channel.
 */
package org.fdcfabric.chaincode.collaboration;
