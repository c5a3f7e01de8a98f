/**
 * The ledger itself, as a peer's query system chaincode ({@code qscc}) and its Deliver service show it: chain
 * height, blocks, transactions with their validation codes, and a stream of new blocks.
 */
package org.fdcfabric.client.ledger;
