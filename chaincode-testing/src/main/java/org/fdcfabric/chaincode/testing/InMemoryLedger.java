package org.fdcfabric.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.KeyOrder;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A single-peer Fabric ledger in memory: chaincodes deployed by (channel, name), committed state per namespace,
 * transactions executed one at a time through each chaincode's {@link Chaincode#invoke} (for contract chaincode,
 * the shim's real {@code ContractRouter}). A submitted transaction commits its write set when the chaincode answers
 * with a status below 400 and leaves no trace otherwise; an evaluated one never commits.
 *
 * <p>Time is a deterministic clock: every transaction carries the clock's instant as its timestamp and each
 * submit advances the clock by the configured tick. Transaction ids are derived, as Fabric does, from a nonce and
 * the creator; the nonce comes from a counter, so the same calls produce the same ids and state on every run.
 *
 * <pre>{@code
 * ContractRouter router = ContractRouters.scanClasspath("registration:1.0"); // once per test class
 * TestIdentities ids = TestIdentities.create();
 * InMemoryLedger ledger = InMemoryLedger.builder().deploy("registration", "registration", router).build();
 * StateSnapshot before = ledger.snapshot();
 * TxResult result = ledger.as(ids.dataUser()).submit("registration:RegisterDataset", draftJson);
 * assertThat(result.errorCode()).isEqualTo("NOT_A_PROVIDER");
 * assertThat(ledger.snapshot()).isEqualTo(before); // nothing was written
 * }</pre>
 */
public final class InMemoryLedger {
    /** Where the clock starts unless the builder says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Map<NamespaceId, Chaincode> chaincodes;
    private final Map<NamespaceId, NamespaceState> states = new TreeMap<>();
    private final NamespaceId defaultTarget;
    private final String peerMspId;
    private final Duration tick;
    private final boolean strictIterators;
    private Instant now;
    private long proposals;
    private long height;

    private InMemoryLedger(Builder builder) {
        this.chaincodes = new LinkedHashMap<>(builder.chaincodes);
        this.chaincodes.keySet().forEach(id -> states.put(id, new NamespaceState()));
        this.defaultTarget = chaincodes.keySet().iterator().next();
        this.peerMspId = builder.peerMspId;
        this.tick = builder.tick;
        this.strictIterators = builder.strictIterators;
        this.now = builder.start;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client acting as {@code identity}, aimed at the first deployed chaincode until told otherwise. */
    public LedgerClient as(IssuedIdentity identity) {
        return new LedgerClient(this, identity, defaultTarget, null, Map.of());
    }

    public Instant now() {
        return now;
    }

    public void setTime(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Number of committed transactions. */
    public long height() {
        return height;
    }

    /** Live view of the committed state of the chaincode named {@code chaincode} (unique across channels). */
    public StateView state(String chaincode) {
        return new StateView(resolve(chaincode), this);
    }

    public StateView state(String channel, String chaincode) {
        NamespaceId id = new NamespaceId(channel, chaincode);
        requireDeployed(id);
        return new StateView(id, this);
    }

    /** Every namespace's committed state, for "nothing was written" and "same inputs, same bytes" assertions. */
    public StateSnapshot snapshot() {
        SortedMap<NamespaceId, SortedMap<String, String>> namespaces = new TreeMap<>();
        states.forEach((id, state) -> {
            SortedMap<String, String> entries = new TreeMap<>(KeyOrder.UTF8);
            state.copy().forEach((key, value) -> entries.put(key, StateSnapshot.render(value)));
            namespaces.put(id, entries);
        });
        return new StateSnapshot(namespaces);
    }

    NamespaceId resolve(String chaincode) {
        List<NamespaceId> matches = chaincodes.keySet().stream()
                .filter(id -> id.chaincode().equals(chaincode))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("chaincode " + chaincode + " is deployed "
                    + (matches.isEmpty() ? "nowhere" : "on several channels " + matches + ": name the channel"));
        }
        return matches.get(0);
    }

    void requireDeployed(NamespaceId id) {
        if (!chaincodes.containsKey(id)) {
            throw new IllegalArgumentException("no chaincode " + id + "; deployed: " + chaincodes.keySet());
        }
    }

    Optional<Chaincode> chaincode(NamespaceId id) {
        return Optional.ofNullable(chaincodes.get(id));
    }

    NamespaceState committed(NamespaceId id) {
        NamespaceState state = states.get(id);
        if (state == null) {
            throw new IllegalStateException("no chaincode " + id);
        }
        return state;
    }

    Optional<String> peerMspId() {
        return Optional.ofNullable(peerMspId);
    }

    TxResult execute(
            NamespaceId target,
            IssuedIdentity creator,
            Instant fixedTime,
            Map<String, byte[]> transientData,
            List<String> args,
            boolean submit) {
        requireDeployed(target);
        Instant timestamp = fixedTime == null ? now : fixedTime;
        List<byte[]> rawArgs = new ArrayList<>();
        args.forEach(a -> rawArgs.add(Objects.requireNonNull(a, "argument").getBytes(StandardCharsets.UTF_8)));
        proposals++;
        byte[] nonce = Arrays.copyOf(
                TxContext.sha256(("in-memory-ledger nonce " + proposals).getBytes(StandardCharsets.UTF_8)), 24);
        TxContext tx = new TxContext(timestamp, creator, nonce, transientData, target, rawArgs);
        LedgerStub stub = new LedgerStub(this, tx, target, rawArgs);

        Chaincode.Response response = chaincodes.get(target).invoke(stub);

        if (strictIterators && tx.openIterators() > 0) {
            throw new IllegalStateException(args.get(0) + " left " + tx.openIterators()
                    + " query iterator(s) open; close them with try-with-resources");
        }
        boolean endorsed = response.getStatusCode() < 400;
        boolean commit = submit && endorsed;
        if (submit && fixedTime == null) {
            now = now.plus(tick);
        }
        if (commit) {
            tx.simulation().writes().forEach((chaincode, writes) -> committed(
                            new NamespaceId(target.channel(), chaincode))
                    .commit(writes, tx.txId(), timestamp));
            height++;
        }
        ChaincodeEvent event = stub.getEvent();
        Optional<TxEvent> txEvent = endorsed && event != null
                ? Optional.of(
                        new TxEvent(event.getEventName(), event.getPayload().toByteArray()))
                : Optional.empty();
        return new TxResult(
                tx.txId(),
                timestamp,
                response.getStatusCode(),
                response.getMessage(),
                response.getPayload(),
                txEvent,
                commit,
                tx.ledgerErrors());
    }

    /** Deploys chaincodes and sets the clock; the first chaincode deployed is the default target of clients. */
    public static final class Builder {
        private final Map<NamespaceId, Chaincode> chaincodes = new LinkedHashMap<>();
        private Instant start = DEFAULT_START;
        private Duration tick = Duration.ofSeconds(1);
        private String peerMspId = "Org1MSP";
        private boolean strictIterators = true;

        private Builder() {}

        public Builder deploy(String channel, String chaincodeName, Chaincode chaincode) {
            NamespaceId id = new NamespaceId(channel, chaincodeName);
            if (chaincodes.putIfAbsent(id, Objects.requireNonNull(chaincode, "chaincode")) != null) {
                throw new IllegalArgumentException("chaincode " + id + " is already deployed");
            }
            return this;
        }

        public Builder startAt(Instant instant) {
            this.start = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** How far the clock moves after each submitted transaction; zero keeps it still. */
        public Builder tick(Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("the clock never runs backwards");
            }
            this.tick = duration;
            return this;
        }

        /** The MSP of the peer the chaincode runs on ({@code getMspId}); null makes it unset, as on a bad peer. */
        public Builder peerMspId(String mspId) {
            this.peerMspId = mspId;
            return this;
        }

        /** By default a transaction that leaves a query iterator open fails the test; this turns that off. */
        public Builder allowUnclosedIterators() {
            this.strictIterators = false;
            return this;
        }

        public InMemoryLedger build() {
            if (chaincodes.isEmpty()) {
                throw new IllegalStateException("deploy at least one chaincode");
            }
            return new InMemoryLedger(this);
        }
    }
}
