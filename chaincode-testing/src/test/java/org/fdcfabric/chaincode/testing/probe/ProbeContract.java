package org.fdcfabric.chaincode.testing.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Test contract: each transaction drives one stub feature and reports what the chaincode saw. */
@Contract(name = "probe")
public final class ProbeContract implements ContractInterface {

    @Transaction
    public void Put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
    }

    @Transaction
    public void PutComposite(Context ctx, String objectType, String first, String second, String value) {
        ChaincodeStub stub = ctx.getStub();
        stub.putStringState(stub.createCompositeKey(objectType, first, second).toString(), value);
    }

    @Transaction
    public void Delete(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    /** Writes, then reads the same key back: Fabric returns the committed value, not the staged one. */
    @Transaction
    public String PutThenGet(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return "read=" + ctx.getStub().getStringState(key);
    }

    @Transaction
    public void PutThenFail(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("Doomed", value.getBytes(StandardCharsets.UTF_8));
        throw new ChaincodeException("PROBE_FAILED: refused after writing " + key, "PROBE_FAILED");
    }

    @Transaction
    public void PutThenCrash(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        throw new IllegalStateException("bug");
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String key) {
        byte[] value = ctx.getStub().getState(key);
        return value.length == 0 ? "<absent>" : new String(value, StandardCharsets.UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Range(Context ctx, String start, String end) {
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            return keys(results);
        }
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Partial(Context ctx, String objectType, String first) {
        ChaincodeStub stub = ctx.getStub();
        CompositeKey prefix =
                first.isEmpty() ? stub.createCompositeKey(objectType) : stub.createCompositeKey(objectType, first);
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(prefix)) {
            return keys(results);
        }
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String PartialPage(Context ctx, String objectType, int pageSize, String bookmark) {
        ChaincodeStub stub = ctx.getStub();
        try (QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByPartialCompositeKeyWithPagination(
                stub.createCompositeKey(objectType), pageSize, bookmark)) {
            String keys = keys(results);
            return keys + "|" + results.getMetadata().getFetchedRecordsCount() + "|"
                    + readable(results.getMetadata().getBookmark());
        }
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String RangePage(Context ctx, String start, String end, int pageSize, String bookmark) {
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                ctx.getStub().getStateByRangeWithPagination(start, end, pageSize, bookmark)) {
            String keys = keys(results);
            return keys + "|" + results.getMetadata().getFetchedRecordsCount() + "|"
                    + results.getMetadata().getBookmark();
        }
    }

    @Transaction
    public void PageThenWrite(Context ctx, String key) {
        ChaincodeStub stub = ctx.getStub();
        try (QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByRangeWithPagination("", "", 1, "")) {
            results.forEach(kv -> {});
        }
        stub.putStringState(key, "after-page");
    }

    @Transaction
    public String WriteThenPage(Context ctx, String key) {
        ChaincodeStub stub = ctx.getStub();
        stub.putStringState(key, "before-page");
        try (QueryResultsIteratorWithMetadata<KeyValue> results = stub.getStateByRangeWithPagination("", "", 1, "")) {
            return keys(results);
        }
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String History(Context ctx, String key) {
        List<String> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> history = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification modification : history) {
                entries.add(modification.getTxId() + "@" + modification.getTimestamp() + "="
                        + (modification.isDeleted() ? "<deleted>" : modification.getStringValue()));
            }
        }
        return String.join(",", entries);
    }

    @Transaction
    public void TwoEvents(Context ctx, String first, String second) {
        ctx.getStub().setEvent(first, first.getBytes(StandardCharsets.UTF_8));
        ctx.getStub().setEvent(second, second.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Whoami(Context ctx) {
        ChaincodeStub stub = ctx.getStub();
        return String.join(
                "|",
                ctx.getClientIdentity().getMSPID(),
                String.valueOf(ctx.getClientIdentity().getAttributeValue("fdc.role")),
                ctx.getClientIdentity().getId(),
                stub.getTxId(),
                stub.getTxTimestamp().toString(),
                stub.getChannelId());
    }

    /** Calls {@code function(key, value)} of chaincode {@code chaincode} on {@code channel}, then writes locally. */
    @Transaction
    public String Call(Context ctx, String chaincode, String channel, String function, String key, String value) {
        ChaincodeStub stub = ctx.getStub();
        var response = stub.invokeChaincodeWithStringArgs(chaincode, List.of(function, key, value), channel);
        stub.putStringState("caller-" + key, value);
        return response.getStatusCode() + ":" + response.getMessage() + ":" + response.getStringPayload();
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String LeakIterator(Context ctx) {
        return ctx.getStub().getStateByRange("", "").iterator().hasNext() ? "some" : "none";
    }

    private static String keys(Iterable<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        for (KeyValue kv : results) {
            keys.add(readable(kv.getKey()) + "=" + kv.getStringValue());
        }
        return String.join(",", keys);
    }

    private static String readable(String key) {
        return key.replace(CompositeKey.NAMESPACE, "~");
    }
}
