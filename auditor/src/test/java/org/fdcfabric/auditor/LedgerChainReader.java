package org.fdcfabric.auditor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.LedgerClient;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.job.JobPage;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The {@link ChainReader} port over the in-memory ledger: every read is an evaluate of the real contracts, as an
 * auditor's gateway client makes it, paged as a client pages. The ledger commits one transaction per block, so a
 * transaction's block number is the ledger height right after it committed, which the scenario records.
 */
final class LedgerChainReader implements ChainReader {
    private static final String PAGE = "7";

    private final LedgerClient collaboration;
    private final LedgerClient registration;
    private final Map<String, Long> blocks;
    private final Map<Channel, List<Block>> chainBlocks = new java.util.EnumMap<>(Channel.class);

    LedgerChainReader(InMemoryLedger ledger, IssuedIdentity auditor, Map<String, Long> blocks) {
        this.collaboration = ledger.as(auditor).on(Scenario.COLLABORATION, Scenario.COLLABORATION);
        this.registration = ledger.as(auditor).on(Scenario.REGISTRATION, Scenario.REGISTRATION);
        this.blocks = blocks;
    }

    @Override
    public List<AuditEntry> trailHeads() {
        return pages(
                b -> read(collaboration, TrailHeadPage.class, "audit:ListTrailHeads", PAGE, b),
                TrailHeadPage::heads,
                TrailHeadPage::bookmark);
    }

    @Override
    public List<AuditEntry> trail(Channel channel, String subject) {
        LedgerClient client = client(channel);
        String function = channel == Channel.COLLABORATION ? "audit:GetTrail" : "registration:GetTrail";
        return pages(
                b -> read(client, TrailPage.class, function, subject, PAGE, b),
                TrailPage::entries,
                TrailPage::bookmark);
    }

    @Override
    public Optional<String> headHash(Channel channel, String subject) {
        String function = channel == Channel.COLLABORATION ? "audit:VerifyTrail" : "registration:VerifyTrail";
        var verdict = CanonicalJson.tree(
                ok(client(channel).evaluate(function, subject)).payloadText());
        return verdict.hasNonNull("headHash")
                ? Optional.of(verdict.get("headHash").asText())
                : Optional.empty();
    }

    @Override
    public List<TrainingJob> jobs() {
        return pages(
                b -> read(collaboration, JobPage.class, "job:ListJobs", PAGE, b), JobPage::jobs, JobPage::bookmark);
    }

    @Override
    public List<RoundRecord> rounds(String jobId) {
        return pages(
                b -> read(collaboration, RoundPage.class, "job:ListRounds", jobId, PAGE, b),
                RoundPage::rounds,
                RoundPage::bookmark);
    }

    @Override
    public Optional<AccessPass> pass(String passId) {
        return optional(collaboration.evaluate("pass:GetPass", passId), "PASS_NOT_FOUND", AccessPass.class);
    }

    @Override
    public Optional<RequestRecord> request(String requestId) {
        return optional(collaboration.evaluate("pass:GetRequest", requestId), "REQUEST_NOT_FOUND", RequestRecord.class);
    }

    @Override
    public List<Ucl> datasets() {
        return pages(
                b -> read(registration, DatasetPage.class, "registration:ListDatasets", "", PAGE, b),
                DatasetPage::datasets,
                DatasetPage::bookmark);
    }

    @Override
    public List<Ucl> datasetVersions(String datasetId) {
        TxResult first = registration.evaluate("registration:DatasetHistory", datasetId, PAGE, "");
        if (first.errorCode().equals("DATASET_NOT_FOUND")) {
            return List.of();
        }
        ok(first);
        return pages(
                b -> read(registration, VersionPage.class, "registration:DatasetHistory", datasetId, PAGE, b),
                VersionPage::versions,
                VersionPage::bookmark);
    }

    @Override
    public List<UsageRecord> usage(String datasetId) {
        return pages(
                b -> read(collaboration, UsagePage.class, "audit:ListUsage", datasetId, PAGE, b),
                UsagePage::usage,
                UsagePage::bookmark);
    }

    @Override
    public Optional<TokenInfo> token() {
        return optional(collaboration.evaluate("token:GetToken"), "TOKEN_NOT_INITIALIZED", TokenInfo.class);
    }

    @Override
    public List<Balance> accounts() {
        return pages(
                b -> read(collaboration, AccountPage.class, "token:ListAccounts", PAGE, b),
                AccountPage::accounts,
                AccountPage::bookmark);
    }

    /** The in-memory ledger keeps state, not blocks: a test may give each channel blocks it built. */
    LedgerChainReader withBlocks(Channel channel, List<Block> built) {
        chainBlocks.put(channel, List.copyOf(built));
        return this;
    }

    @Override
    public Optional<List<Block>> blocks(Channel channel) {
        return Optional.ofNullable(chainBlocks.get(channel));
    }

    @Override
    public OptionalLong blockOf(String txId) {
        Long block = blocks.get(txId);
        return block == null ? OptionalLong.empty() : OptionalLong.of(block);
    }

    private LedgerClient client(Channel channel) {
        return channel == Channel.COLLABORATION ? collaboration : registration;
    }

    private static <P, T> List<T> pages(
            Function<String, P> page, Function<P, List<T>> items, Function<P, String> bookmark) {
        List<T> all = new ArrayList<>();
        String next = "";
        do {
            P p = page.apply(next);
            all.addAll(items.apply(p));
            next = bookmark.apply(p);
        } while (next != null && !next.isEmpty());
        return all;
    }

    private static <T> T read(LedgerClient client, Class<T> type, String function, String... args) {
        return CanonicalJson.read(ok(client.evaluate(function, args)).payloadText(), type);
    }

    private static <T> Optional<T> optional(TxResult result, String absentCode, Class<T> type) {
        if (result.errorCode().equals(absentCode)) {
            return Optional.empty();
        }
        return Optional.of(CanonicalJson.read(ok(result).payloadText(), type));
    }

    private static TxResult ok(TxResult result) {
        if (!result.isSuccess()) {
            throw new IllegalStateException("chain read failed: " + result);
        }
        return result;
    }

    /** {@code registration:ListDatasets}' answer. */
    record DatasetPage(List<Ucl> datasets, String bookmark) {}

    /** {@code registration:DatasetHistory}'s answer. */
    record VersionPage(List<Ucl> versions, String bookmark) {}
}
