/**
 * Chaincode event listening: checkpointed subscriptions (Fabric Gateway {@code FileCheckpointer}) that resume after
 * the last delivered event across restarts, and the {@code LedgerEvent} record they deliver.
 */
package org.fdcfabric.client.events;
