/** A contract that exercises every ledger feature the in-memory ledger implements, so its tests go through the real router. */
package org.fdcfabric.chaincode.testing.probe;
