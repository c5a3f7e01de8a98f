package org.fdcfabric.datacenter.ucl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.protocol.LedgerRefusal;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * A registry kept in memory with the registration chaincode's rules (draft validation, one owner per id,
 * versions counting up, history kept), seen by one organisation. Several organisations share one {@link
 * Ledger}. For tests and offline runs of a single data center; the chain is the registry of record.
 */
public final class InMemoryUclRegistry implements UclRegistry {
    private final Ledger ledger;
    private final String callerMsp;

    /** The shared state: every dataset's versions, oldest first. */
    public static final class Ledger {
        private final Clock clock;
        private final Map<String, List<Ucl>> versions = new TreeMap<>();

        public Ledger(Clock clock) {
            this.clock = clock;
        }

        public InMemoryUclRegistry as(String callerMsp) {
            return new InMemoryUclRegistry(this, callerMsp);
        }

        public synchronized List<Ucl> history(String datasetId) {
            return List.copyOf(versions.getOrDefault(datasetId, List.of()));
        }
    }

    private InMemoryUclRegistry(Ledger ledger, String callerMsp) {
        this.ledger = ledger;
        this.callerMsp = callerMsp;
    }

    public InMemoryUclRegistry(String callerMsp, Clock clock) {
        this(new Ledger(clock), callerMsp);
    }

    @Override
    public Ucl register(UclDraft draft) {
        UclRules.validate(draft);
        synchronized (ledger) {
            if (ledger.versions.containsKey(draft.id())) {
                throw new LedgerRefusal("DATASET_EXISTS", "dataset " + draft.id() + " is already registered");
            }
            Ucl ucl = Ucl.fromDraft(draft, 1, callerMsp, ledger.clock.instant());
            ledger.versions.computeIfAbsent(draft.id(), id -> new ArrayList<>()).add(ucl);
            return ucl;
        }
    }

    @Override
    public Ucl update(UclDraft draft) {
        UclRules.validate(draft);
        synchronized (ledger) {
            List<Ucl> history = ledger.versions.get(draft.id());
            if (history == null) {
                throw new LedgerRefusal("DATASET_NOT_FOUND", "dataset " + draft.id() + " is not registered");
            }
            Ucl latest = history.get(history.size() - 1);
            if (!latest.ownerMsp().equals(callerMsp)) {
                throw new LedgerRefusal(
                        "NOT_OWNER",
                        "dataset " + draft.id() + " belongs to " + latest.ownerMsp() + ", not " + callerMsp);
            }
            Ucl ucl = Ucl.fromDraft(draft, latest.version() + 1, callerMsp, ledger.clock.instant());
            history.add(ucl);
            return ucl;
        }
    }

    @Override
    public Optional<Ucl> find(String datasetId) {
        List<Ucl> history = ledger.history(datasetId);
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** Every version of the dataset, oldest first. */
    public List<Ucl> history(String datasetId) {
        return ledger.history(datasetId);
    }
}
