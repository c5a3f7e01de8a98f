package org.fdcfabric.devnet.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fdcfabric.devnet.ledger.BlockHashes;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.ledger.TxStatus;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Fabric's query system chaincode {@code qscc} ({@code core/scc/qscc/query.go}) over one peer's ledgers. {@code
 * args[0]} names the function and {@code args[1]} the channel to read, which may be any channel the peer has; the
 * caller must satisfy that channel's {@code qscc/<function>} ACL ({@code /Channel/Application/Readers}). Answers are
 * the serialized protos a real peer returns (status 200), and failures the same {@code shim.Error} texts (status
 * 500).
 */
public final class LedgerQuerier {
    public static final String NAME = "qscc";
    /** {@code scc.SysCCVersion}: the version a system chaincode's responses carry. */
    public static final String VERSION = "syscc";

    private static final String GET_CHAIN_INFO = "GetChainInfo";
    private static final String GET_BLOCK_BY_NUMBER = "GetBlockByNumber";
    private static final String GET_BLOCK_BY_HASH = "GetBlockByHash";
    private static final String GET_TRANSACTION_BY_ID = "GetTransactionByID";
    private static final String GET_BLOCK_BY_TX_ID = "GetBlockByTxID";
    private static final List<String> FUNCTIONS =
            List.of(GET_CHAIN_INFO, GET_BLOCK_BY_NUMBER, GET_BLOCK_BY_HASH, GET_TRANSACTION_BY_ID, GET_BLOCK_BY_TX_ID);

    private final Map<String, ChannelLedger> ledgers;
    private final Map<String, BlockHashIndex> hashIndexes;
    private final ChannelAccessControl acl;

    public LedgerQuerier(Map<String, ChannelLedger> ledgers, ChannelAccessControl acl) {
        this.ledgers = Map.copyOf(ledgers);
        this.hashIndexes = ledgers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new BlockHashIndex(e.getValue())));
        this.acl = acl;
    }

    /**
     * Runs one invocation. {@code creator} is the proposal's creator and {@code proposal} the signed proposal, whose
     * signature the ACL of the channel named in the arguments is checked against.
     */
    public Response invoke(List<ByteString> args, byte[] creator, SignedProposal proposal) {
        if (args.size() < 2) {
            return error("Incorrect number of arguments, " + args.size());
        }
        String function = args.get(0).toStringUtf8();
        String channelId = args.get(1).toStringUtf8();
        if (!function.equals(GET_CHAIN_INFO) && args.size() < 3) {
            return error("missing 3rd argument for " + function);
        }
        ChannelLedger ledger = ledgers.get(channelId);
        if (ledger == null) {
            return error("Invalid chain ID, " + channelId);
        }
        Optional<String> denied = checkAcl(function, channelId, creator, proposal);
        if (denied.isPresent()) {
            return error("access denied for [" + function + "][" + channelId + "]: [" + denied.get() + "]");
        }
        return switch (function) {
            case GET_TRANSACTION_BY_ID -> transactionById(ledger, args.get(2).toStringUtf8());
            case GET_BLOCK_BY_NUMBER -> blockByNumber(ledger, args.get(2).toStringUtf8());
            case GET_BLOCK_BY_HASH -> blockByHash(ledger, channelId, args.get(2));
            case GET_CHAIN_INFO -> success(chainInfo(ledger).toByteString());
            case GET_BLOCK_BY_TX_ID -> blockByTxId(ledger, args.get(2).toStringUtf8());
            default -> error("Requested function " + function + " not found.");
        };
    }

    private Optional<String> checkAcl(String function, String channelId, byte[] creator, SignedProposal proposal) {
        if (!FUNCTIONS.contains(function)) {
            return Optional.of("Unmapped policy for qscc/" + function);
        }
        boolean reader = acl.authenticate(
                        channelId,
                        creator,
                        proposal.getProposalBytes().toByteArray(),
                        proposal.getSignature().toByteArray())
                .filter(identity -> acl.isReader(channelId, identity))
                .isPresent();
        return reader
                ? Optional.empty()
                : Optional.of("failed evaluating policy on signed data during check policy"
                        + " [/Channel/Application/Readers]");
    }

    /** {@code blockfileMgr.updateBlockchainInfo}: height, the newest block's header hash and its previous hash. */
    public static BlockchainInfo chainInfo(ChannelLedger ledger) {
        long height = ledger.height();
        Block newest = ledger.block(height - 1);
        return BlockchainInfo.newBuilder()
                .setHeight(height)
                .setCurrentBlockHash(ByteString.copyFrom(BlockHashes.headerHash(newest.getHeader())))
                .setPreviousBlockHash(newest.getHeader().getPreviousHash())
                .build();
    }

    private static Response blockByNumber(ChannelLedger ledger, String text) {
        long number;
        try {
            number = Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return error("Failed to parse block number with error strconv.ParseUint: parsing \"" + text
                    + "\": invalid syntax");
        }
        // math.MaxUint64 asks for the newest block
        long wanted = number == -1L ? ledger.height() - 1 : number;
        return read(ledger, wanted)
                .map(block -> success(block.toByteString()))
                .orElseGet(() -> error("Failed to get block number " + Long.toUnsignedString(number)
                        + ", error no such block number [" + Long.toUnsignedString(wanted) + "] in index"));
    }

    private Response blockByHash(ChannelLedger ledger, String channelId, ByteString hash) {
        return hashIndexes
                .get(channelId)
                .number(hash)
                .flatMap(number -> read(ledger, number))
                .map(block -> success(block.toByteString()))
                .orElseGet(() -> error("Failed to get block hash " + hash.toString(StandardCharsets.UTF_8)
                        + ", error no such block hash [" + HexFormat.of().formatHex(hash.toByteArray())
                        + "] in index"));
    }

    private static Response blockByTxId(ChannelLedger ledger, String txId) {
        return ledger.txStatus(txId)
                .flatMap(status -> read(ledger, status.blockNumber()))
                .map(block -> success(block.toByteString()))
                .orElseGet(() -> error("Failed to get block for txID " + txId + ", error no such transaction ID ["
                        + txId + "] in index"));
    }

    private static Response transactionById(ChannelLedger ledger, String txId) {
        return processedTransaction(ledger, txId)
                .map(processed -> success(processed.toByteString()))
                .orElseGet(() -> error("Failed to get transaction with id " + txId + ", error no such transaction ID ["
                        + txId + "] in index"));
    }

    /**
     * The envelope the block index points at (the first occurrence of the txid, which is the one whose
     * validation code the index keeps) and that code.
     */
    public static Optional<ProcessedTransaction> processedTransaction(ChannelLedger ledger, String txId) {
        Optional<TxStatus> status = ledger.txStatus(txId);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        return read(ledger, status.get().blockNumber()).flatMap(block -> block.getData().getDataList().stream()
                .map(LedgerQuerier::envelope)
                .flatMap(Optional::stream)
                .filter(envelope -> txId.equals(txId(envelope)))
                .findFirst()
                .map(envelope -> ProcessedTransaction.newBuilder()
                        .setTransactionEnvelope(envelope)
                        .setValidationCode(status.get().code().getNumber())
                        .build()));
    }

    private static Optional<Block> read(ChannelLedger ledger, long number) {
        if (number < 0 || number >= ledger.height()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ledger.block(number));
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }

    private static Optional<Envelope> envelope(ByteString bytes) {
        return parsed(bytes, Envelope::parseFrom);
    }

    private static String txId(Envelope envelope) {
        return parsed(envelope.getPayload(), Payload::parseFrom)
                .flatMap(payload -> parsed(payload.getHeader().getChannelHeader(), ChannelHeader::parseFrom))
                .map(ChannelHeader::getTxId)
                .orElse("");
    }

    private interface Parser<T> {
        T parse(ByteString bytes) throws InvalidProtocolBufferException;
    }

    private static <T> Optional<T> parsed(ByteString bytes, Parser<T> parser) {
        try {
            return Optional.of(parser.parse(bytes));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static Response success(ByteString payload) {
        return Response.newBuilder().setStatus(200).setPayload(payload).build();
    }

    private static Response error(String message) {
        return Response.newBuilder().setStatus(500).setMessage(message).build();
    }
}
