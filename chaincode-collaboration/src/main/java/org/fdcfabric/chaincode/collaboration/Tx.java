package org.fdcfabric.chaincode.collaboration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * One transaction's view of the ledger. Fabric's {@code getState} does not see the transaction's own writes, so
 * this view remembers them: a job settlement that credits one wallet twice, or several audit entries appended to
 * one trail in one transaction, read back what was written. Created per transaction, never shared.
 */
public final class Tx {
    private final ChaincodeStub stub;
    private final Caller caller;
    private final TreeMap<String, byte[]> written = new TreeMap<>();

    private Tx(ChaincodeStub stub, Caller caller) {
        this.stub = stub;
        this.caller = caller;
    }

    public static Tx of(Context ctx) {
        return new Tx(ctx.getStub(), Caller.of(ctx.getClientIdentity()));
    }

    public ChaincodeStub stub() {
        return stub;
    }

    public Caller caller() {
        return caller;
    }

    public Instant time() {
        return stub.getTxTimestamp();
    }

    public String txId() {
        return stub.getTxId();
    }

    public String key(String prefix, String... attributes) {
        return stub.createCompositeKey(prefix, attributes).toString();
    }

    public <T> Optional<T> read(String key, Class<T> type) {
        byte[] value = raw(key);
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        return Optional.of(CanonicalJson.read(new String(value, StandardCharsets.UTF_8), type));
    }

    public boolean exists(String key) {
        byte[] value = raw(key);
        return value != null && value.length > 0;
    }

    private byte[] raw(String key) {
        return written.containsKey(key) ? written.get(key) : stub.getState(key);
    }

    public void write(String key, Object value) {
        byte[] bytes = CanonicalJson.bytes(value);
        written.put(key, bytes);
        stub.putState(key, bytes);
    }

    /** The transaction's one event (Fabric keeps only the last {@code setEvent}, so call this once, at the end). */
    public void emit(String name, Object payload) {
        stub.setEvent(name, CanonicalJson.bytes(payload));
    }
}
