package org.fdcfabric.devnet.testcc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Exercises every shim call the devnet serves; results are plain strings so tests can compare them. */
@Contract(name = "kv")
@Default
public final class KvContract implements ContractInterface {
    @Transaction
    public String put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("put", (key + "=" + value).getBytes(StandardCharsets.UTF_8));
        return value;
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String key) {
        return ctx.getStub().getStringState(key);
    }

    @Transaction
    public void del(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    /** Reads then writes: two concurrent calls on one key conflict at commit. */
    @Transaction
    public String increment(Context ctx, String key) {
        String current = ctx.getStub().getStringState(key);
        long next = (current == null || current.isEmpty() ? 0 : Long.parseLong(current)) + 1;
        ctx.getStub().putStringState(key, Long.toString(next));
        return Long.toString(next);
    }

    /** Writes then reads the same key: a transaction never sees its own writes. */
    @Transaction
    public String putThenGet(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return "[" + ctx.getStub().getStringState(key) + "]";
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String range(Context ctx, String start, String end) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            for (KeyValue kv : results) {
                keys.add(kv.getKey() + "=" + kv.getStringValue());
            }
        }
        return String.join(",", keys);
    }

    /** Counts a range by iterating it fully (crosses the 100-result batches). */
    @Transaction
    public String countAndMark(Context ctx, String start, String end) throws Exception {
        int count = 0;
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            for (KeyValue ignored : results) {
                count++;
            }
        }
        ctx.getStub().putStringState("count", Integer.toString(count));
        return Integer.toString(count);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String page(Context ctx, String start, String end, int pageSize, String bookmark) throws Exception {
        List<String> keys = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                ctx.getStub().getStateByRangeWithPagination(start, end, pageSize, bookmark)) {
            for (KeyValue kv : results) {
                keys.add(kv.getKey());
            }
            next = results.getMetadata().getBookmark() + "/"
                    + results.getMetadata().getFetchedRecordsCount();
        }
        return String.join(",", keys) + "|" + next;
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String key) throws Exception {
        List<String> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification modification : results) {
                entries.add(modification.isDeleted() ? "deleted" : modification.getStringValue());
            }
        }
        return String.join(",", entries);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String whoami(Context ctx) throws Exception {
        return ctx.getClientIdentity().getMSPID() + ":"
                + ctx.getClientIdentity().getAttributeValue("fdc.role");
    }

    @Transaction
    public void fail(Context ctx, String message) {
        throw new ChaincodeException("KV_FAILED: " + message, "KV_FAILED");
    }

    /** Calls another chaincode, optionally on another channel ("" means this channel). */
    @Transaction
    public String call(Context ctx, String chaincode, String channel, String function, String key) {
        Chaincode.Response response = ctx.getStub()
                .invokeChaincodeWithStringArgs(chaincode, List.of(function, key), channel.isEmpty() ? null : channel);
        return response.getStatus().getCode() + ":" + response.getStringPayload();
    }

    /** Deliberately non-deterministic: each endorser computes a different result. */
    @Transaction
    public String clock(Context ctx) {
        String now = Long.toString(System.nanoTime());
        ctx.getStub().putStringState("clock", now);
        return now;
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String txid(Context ctx) {
        return ctx.getStub().getTxId() + "@" + ctx.getStub().getChannelId();
    }
}
