/**
 * Calling contract transactions: per-call deadlines, the retry policy (read conflicts re-proposed, timeouts polled,
 * chaincode errors final), mapping Gateway SDK failures onto the client exceptions, and decoding JSON results.
 */
package org.fdcfabric.client.tx;
