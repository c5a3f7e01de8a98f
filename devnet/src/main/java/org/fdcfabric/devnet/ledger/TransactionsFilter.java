package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** The TRANSACTIONS_FILTER metadata slot: one {@code TxValidationCode} byte per envelope, raw (not wrapped). */
public final class TransactionsFilter {
    /** Fabric pads block metadata to one entry per {@code BlockMetadataIndex} value. */
    static final int METADATA_SLOTS = 5;

    private TransactionsFilter() {}

    /** The validation code of envelope {@code index}; NOT_VALIDATED when the block carries no code for it. */
    public static TxValidationCode code(Block block, int index) {
        ByteString filter = filterBytes(block);
        if (index < 0 || index >= filter.size()) {
            return TxValidationCode.NOT_VALIDATED;
        }
        TxValidationCode code = TxValidationCode.forNumber(filter.byteAt(index) & 0xFF);
        return code == null ? TxValidationCode.INVALID_OTHER_REASON : code;
    }

    /** A copy of {@code block} whose metadata has all five slots and the given filter. */
    public static Block set(Block block, byte[] filter) {
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_SLOTS) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(filter));
        return block.toBuilder().setMetadata(metadata).build();
    }

    private static ByteString filterBytes(Block block) {
        BlockMetadata metadata = block.getMetadata();
        return metadata.getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? metadata.getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
    }
}
