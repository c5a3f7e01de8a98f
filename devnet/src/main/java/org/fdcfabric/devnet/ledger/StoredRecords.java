package org.fdcfabric.devnet.ledger;

import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Byte layouts of the history and transaction-index records, and the history map's key scheme. */
final class StoredRecords {
    private static final HexFormat HEX = HexFormat.of();

    private StoredRecords() {}

    /**
     * History keys are {@code escape(key) + "\0\0" + hex16(block) + hex8(tx)}: escaping NUL as NUL,U+0001 makes the
     * terminator unique, so one key's entries never mix with a longer key's (composite keys contain NULs).
     */
    static String historyPrefix(String key) {
        return key.replace("\0", "\0\u0001") + "\0\0";
    }

    static String historyKey(String key, long blockNum, long txNum) {
        return historyPrefix(key) + HEX.toHexDigits(blockNum) + HEX.toHexDigits((int) txNum);
    }

    static byte[] encodeHistory(HistoryEntry entry) {
        byte[] txId = entry.txId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(4 + txId.length + 8 + 4 + 1 + 4 + entry.value().length);
        buffer.putInt(txId.length).put(txId);
        buffer.putLong(entry.timestamp().getSeconds()).putInt(entry.timestamp().getNanos());
        buffer.put((byte) (entry.deleted() ? 1 : 0));
        buffer.putInt(entry.value().length).put(entry.value());
        return buffer.array();
    }

    static HistoryEntry decodeHistory(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String txId = new String(bytes(buffer), StandardCharsets.UTF_8);
        Timestamp timestamp = Timestamp.newBuilder()
                .setSeconds(buffer.getLong())
                .setNanos(buffer.getInt())
                .build();
        boolean deleted = buffer.get() == 1;
        return new HistoryEntry(txId, timestamp, deleted, bytes(buffer));
    }

    static byte[] encodeTxStatus(TxStatus status, int txNum) {
        return ByteBuffer.allocate(4 + 8 + 4)
                .putInt(status.code().getNumber())
                .putLong(status.blockNumber())
                .putInt(txNum)
                .array();
    }

    static TxStatus decodeTxStatus(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        TxValidationCode code = TxValidationCode.forNumber(buffer.getInt());
        return new TxStatus(code == null ? TxValidationCode.INVALID_OTHER_REASON : code, buffer.getLong());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.getInt()];
        buffer.get(out);
        return out;
    }
}
