package org.fdcfabric.chaincode.testing;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Query results over a snapshot taken when the query ran. Counts itself open until closed, so the harness can
 * flag chaincode that leaks iterators (on a peer each open iterator holds a database snapshot).
 */
final class ResultIterator<T> implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {
    private final Iterator<T> cursor;
    private final QueryResponseMetadata metadata;
    private final TxContext tx;
    private boolean closed;

    ResultIterator(List<T> results, QueryResponseMetadata metadata, TxContext tx) {
        this.cursor = List.copyOf(results).iterator();
        this.metadata = metadata;
        this.tx = tx;
        tx.iteratorOpened();
    }

    /** Like the shim's, every iterator shares one cursor: results are consumed once. */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !closed && cursor.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return cursor.next();
            }
        };
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return metadata;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tx.iteratorClosed();
        }
    }
}
