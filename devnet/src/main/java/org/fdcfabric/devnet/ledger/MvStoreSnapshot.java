package org.fdcfabric.devnet.ledger;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link StateSnapshot} over one committed view; closing it lets MVStore reclaim the pages it pinned. */
final class MvStoreSnapshot implements StateSnapshot {
    private final CommittedView view;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    MvStoreSnapshot(CommittedView view, Runnable release) {
        this.view = view;
        this.release = release;
    }

    @Override
    public long height() {
        return view.height();
    }

    @Override
    public Optional<VersionedValue> get(String namespace, String key) {
        return view.value(namespace, key).map(stored -> new VersionedValue(stored.value(), stored.version()));
    }

    @Override
    public Map<String, byte[]> metadata(String namespace, String key) {
        return view.metadata(namespace, key);
    }

    @Override
    public Iterator<StateEntry> range(String namespace, String startKey, String endKey) {
        return view.range(namespace, startKey, endKey);
    }

    @Override
    public List<HistoryEntry> history(String namespace, String key) {
        return view.history(namespace, key);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
