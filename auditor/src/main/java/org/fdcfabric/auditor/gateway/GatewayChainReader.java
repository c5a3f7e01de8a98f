package org.fdcfabric.auditor.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.fdcfabric.auditor.ChainReadException;
import org.fdcfabric.auditor.ChainReader;
import org.fdcfabric.auditor.Channel;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.audit.AuditClient;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.client.ledger.LedgerClient;
import org.fdcfabric.client.pass.PassClient;
import org.fdcfabric.client.registration.RegistrationClient;
import org.fdcfabric.client.token.TokenClient;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * Reads the chain through the gateway client's typed contract clients, paging every listing to its end (bounded,
 * so a runaway listing fails instead of exhausting memory). Every read is an evaluate: nothing is submitted.
 * Blocks are read through the peer's {@code qscc}, once per channel; evidence names each transaction's block.
 */
public final class GatewayChainReader implements ChainReader {
    static final int PAGE_SIZE = 100;
    static final int MAX_ITEMS = 1_000_000;

    private final RegistrationClient registration;
    private final TokenClient tokens;
    private final PassClient passes;
    private final JobClient jobs;
    private final AuditClient audit;
    private final Map<Channel, LedgerClient> ledgers;
    /** Each channel's blocks, read once: the block check and every evidence lookup share them. */
    private final Map<Channel, List<Block>> blocksRead = new EnumMap<>(Channel.class);

    private final Map<String, Long> blockOfTx = new HashMap<>();

    public GatewayChainReader(
            RegistrationClient registration,
            TokenClient tokens,
            PassClient passes,
            JobClient jobs,
            AuditClient audit,
            Map<Channel, LedgerClient> ledgers) {
        this.registration = registration;
        this.tokens = tokens;
        this.passes = passes;
        this.jobs = jobs;
        this.audit = audit;
        this.ledgers = new EnumMap<>(ledgers);
    }

    public static GatewayChainReader over(FdcConnection connection) {
        var channels = connection.profile().profile().channels();
        return new GatewayChainReader(
                connection.registration(),
                connection.tokens(),
                connection.passes(),
                connection.jobs(),
                connection.audit(),
                Map.of(
                        Channel.REGISTRATION, connection.ledger(channels.registration()),
                        Channel.COLLABORATION, connection.ledger(channels.collaboration())));
    }

    @Override
    public synchronized Optional<List<Block>> blocks(Channel channel) {
        LedgerClient ledger = ledgers.get(channel);
        if (ledger == null) {
            return Optional.empty();
        }
        List<Block> blocks = blocksRead.get(channel);
        if (blocks == null) {
            long height = read("the height of the " + channel + " channel", () -> ledger.chainInfo()
                    .getHeight());
            if (height > MAX_ITEMS) {
                throw new ChainReadException(
                        "the " + channel + " channel has " + height + " blocks, more than " + MAX_ITEMS
                                + " this reader holds",
                        null);
            }
            blocks = new ArrayList<>();
            for (long number = 0; number < height; number++) {
                long n = number;
                Block block = read("block " + n + " of the " + channel + " channel", () -> ledger.block(n)
                        .orElseThrow(() -> new ChainReadException(
                                "the " + channel + " channel reports height " + height + " but has no block " + n,
                                null)));
                blocks.add(block);
                indexTransactions(block);
            }
            blocksRead.put(channel, List.copyOf(blocks));
        }
        return Optional.of(blocksRead.get(channel));
    }

    private void indexTransactions(Block block) {
        for (ByteString envelope : block.getData().getDataList()) {
            try {
                String txId = ChannelHeader.parseFrom(
                                Payload.parseFrom(Envelope.parseFrom(envelope).getPayload())
                                        .getHeader()
                                        .getChannelHeader())
                        .getTxId();
                if (!txId.isEmpty()) {
                    blockOfTx.putIfAbsent(txId, block.getHeader().getNumber());
                }
            } catch (InvalidProtocolBufferException unreadable) {
                // the block check reports what does not parse
            }
        }
    }

    @Override
    public List<AuditEntry> trailHeads() {
        return all("the trail heads", (size, mark) -> {
            var page = audit.heads(size, mark);
            return new Page<>(page.heads(), page.bookmark());
        });
    }

    @Override
    public List<AuditEntry> trail(Channel channel, String subject) {
        return all("the trail of " + subject, (size, mark) -> {
            TrailPage page = channel == Channel.REGISTRATION
                    ? registration.trail(subject, size, mark)
                    : audit.trail(subject, size, mark);
            return new Page<>(page.entries(), page.bookmark());
        });
    }

    @Override
    public Optional<String> headHash(Channel channel, String subject) {
        return read(
                "the head of " + subject,
                () -> Optional.ofNullable(
                        (channel == Channel.REGISTRATION ? registration.verifyTrail(subject) : audit.verify(subject))
                                .headHash()));
    }

    @Override
    public List<TrainingJob> jobs() {
        return all("the jobs", (size, mark) -> {
            var page = jobs.jobs(size, mark);
            return new Page<>(page.jobs(), page.bookmark());
        });
    }

    @Override
    public List<RoundRecord> rounds(String jobId) {
        return all("the rounds of " + jobId, (size, mark) -> {
            var page = jobs.rounds(jobId, size, mark);
            return new Page<>(page.rounds(), page.bookmark());
        });
    }

    @Override
    public Optional<CenterKey> centerKey(String msp, String fingerprint) {
        return read("center key " + fingerprint + " of " + msp, () -> jobs.centerKey(msp, fingerprint));
    }

    @Override
    public Optional<AccessPass> pass(String passId) {
        return read("pass " + passId, () -> passes.pass(passId));
    }

    @Override
    public Optional<RequestRecord> request(String requestId) {
        return read("request " + requestId, () -> passes.request(requestId));
    }

    @Override
    public List<Ucl> datasets() {
        return all("the datasets", (size, mark) -> {
            var page = registration.list("", size, mark);
            return new Page<>(page.datasets(), page.bookmark());
        });
    }

    @Override
    public List<Ucl> datasetVersions(String datasetId) {
        try {
            return all("the versions of " + datasetId, (size, mark) -> {
                var page = registration.history(datasetId, size, mark);
                return new Page<>(page.versions(), page.bookmark());
            });
        } catch (ChainReadException e) {
            if (e.getCause() instanceof ChaincodeRejected rejected && ErrorCode.DATASET_NOT_FOUND.is(rejected.code())) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public List<UsageRecord> usage(String datasetId) {
        return all("the usage of " + datasetId, (size, mark) -> {
            var page = audit.usage(datasetId, size, mark);
            return new Page<>(page.usage(), page.bookmark());
        });
    }

    @Override
    public Optional<TokenInfo> token() {
        try {
            return Optional.of(tokens.token());
        } catch (ChaincodeRejected e) {
            if (ErrorCode.TOKEN_NOT_INITIALIZED.is(e.code())) {
                return Optional.empty();
            }
            throw new ChainReadException("reading the token failed: " + e.getMessage(), e);
        } catch (FdcClientException e) {
            throw new ChainReadException("reading the token failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Balance> accounts() {
        return all("the token accounts", (size, mark) -> {
            var page = tokens.accounts(size, mark);
            return new Page<>(page.accounts(), page.bookmark());
        });
    }

    @Override
    public synchronized OptionalLong blockOf(String txId) {
        for (Channel channel : ledgers.keySet()) {
            blocks(channel);
        }
        Long block = blockOfTx.get(txId);
        return block == null ? OptionalLong.empty() : OptionalLong.of(block);
    }

    private record Page<T>(List<T> items, String bookmark) {}

    @FunctionalInterface
    private interface PageCall<T> {
        Page<T> read(int pageSize, String bookmark) throws FdcClientException;
    }

    @FunctionalInterface
    private interface Call<T> {
        T read() throws FdcClientException;
    }

    private static <T> T read(String what, Call<T> call) {
        try {
            return call.read();
        } catch (FdcClientException e) {
            throw new ChainReadException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> all(String what, PageCall<T> call) {
        List<T> items = new ArrayList<>();
        String bookmark = "";
        while (true) {
            String mark = bookmark;
            Page<T> page = read(what, () -> call.read(PAGE_SIZE, mark));
            items.addAll(page.items());
            if (page.bookmark() == null
                    || page.bookmark().isEmpty()
                    || page.items().isEmpty()) {
                return items;
            }
            if (items.size() > MAX_ITEMS) {
                throw new ChainReadException("reading " + what + " stopped after " + MAX_ITEMS + " items", null);
            }
            bookmark = page.bookmark();
        }
    }
}
