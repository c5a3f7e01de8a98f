package org.fdcfabric.client.events;

/**
 * Receives events in ledger order. An event counts as delivered (and is checkpointed) only when this returns
 * normally; throwing stops the subscription and the event is delivered again on the next start.
 */
@FunctionalInterface
public interface EventHandler {
    void onEvent(LedgerEvent event) throws Exception;
}
