package org.fdcfabric.devnet.chaincode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One execution of one chaincode for one transaction: what the shim's requests run against. A chaincode called
 * on the same channel gets its own context sharing the caller's simulation under its own namespace.
 */
final class TransactionContext {
    private final String channelId;
    private final String txId;
    private final String namespace;
    private final SignedProposal proposal;
    private final TxSimulation simulation;
    private final Map<String, QueryCursor> cursors = new LinkedHashMap<>();
    private int nextCursorId;

    TransactionContext(
            String channelId, String txId, String namespace, SignedProposal proposal, TxSimulation simulation) {
        this.channelId = channelId;
        this.txId = txId;
        this.namespace = namespace;
        this.proposal = proposal;
        this.simulation = simulation;
    }

    String channelId() {
        return channelId;
    }

    String txId() {
        return txId;
    }

    String namespace() {
        return namespace;
    }

    SignedProposal proposal() {
        return proposal;
    }

    TxSimulation simulation() {
        return simulation;
    }

    synchronized String open(QueryCursor cursor) {
        if (cursors.size() >= 128) {
            throw new IllegalStateException("too many open query iterators");
        }
        String id = txId + "-" + nextCursorId++;
        cursors.put(id, cursor);
        return id;
    }

    synchronized QueryCursor cursor(String id) {
        QueryCursor cursor = cursors.get(id);
        if (cursor == null) {
            throw new IllegalStateException("query iterator " + id + " not found");
        }
        return cursor;
    }

    synchronized void close(String id) {
        cursors.remove(id);
    }

    /** Fabric closes every query iterator still open when the transaction ends. */
    synchronized void closeAll() {
        cursors.clear();
    }
}
