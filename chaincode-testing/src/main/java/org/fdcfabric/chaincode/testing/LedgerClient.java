package org.fdcfabric.chaincode.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fdcfabric.msp.IssuedIdentity;

/**
 * One identity's view of the ledger, aimed at one chaincode. Immutable: {@link #on}, {@link #at} and {@link
 * #withTransient} return new clients. Functions are named as the contract API routes them: {@code
 * contract:Transaction}.
 */
public final class LedgerClient {
    private final InMemoryLedger ledger;
    private final IssuedIdentity identity;
    private final NamespaceId target;
    private final Instant fixedTime;
    private final Map<String, byte[]> transientData;

    LedgerClient(
            InMemoryLedger ledger,
            IssuedIdentity identity,
            NamespaceId target,
            Instant fixedTime,
            Map<String, byte[]> transientData) {
        this.ledger = ledger;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.target = target;
        this.fixedTime = fixedTime;
        this.transientData = transientData;
    }

    public IssuedIdentity identity() {
        return identity;
    }

    /** Aims at the chaincode named {@code chaincode} (its name must be unique across channels). */
    public LedgerClient on(String chaincode) {
        return new LedgerClient(ledger, identity, ledger.resolve(chaincode), fixedTime, transientData);
    }

    public LedgerClient on(String channel, String chaincode) {
        NamespaceId id = new NamespaceId(channel, chaincode);
        ledger.requireDeployed(id);
        return new LedgerClient(ledger, identity, id, fixedTime, transientData);
    }

    /** Stamps this client's transactions with {@code timestamp} instead of the ledger clock (which then stays). */
    public LedgerClient at(Instant timestamp) {
        return new LedgerClient(ledger, identity, target, Objects.requireNonNull(timestamp), transientData);
    }

    public LedgerClient withTransient(String key, byte[] value) {
        Map<String, byte[]> copy = new TreeMap<>(transientData);
        copy.put(key, value.clone());
        return new LedgerClient(ledger, identity, target, fixedTime, copy);
    }

    /** Endorses and, if the chaincode answers below status 400, commits. */
    public TxResult submit(String function, String... args) {
        return ledger.execute(target, identity, fixedTime, transientData, arguments(function, args), true);
    }

    /** Runs the transaction and discards its writes, as a Gateway evaluate does. */
    public TxResult evaluate(String function, String... args) {
        return ledger.execute(target, identity, fixedTime, transientData, arguments(function, args), false);
    }

    private static List<String> arguments(String function, String... args) {
        List<String> all = new ArrayList<>(args.length + 1);
        all.add(Objects.requireNonNull(function, "function"));
        all.addAll(List.of(args));
        return all;
    }
}
