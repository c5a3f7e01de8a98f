package org.fdcfabric.cli.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fdcfabric.auditor.ChainReader;
import org.fdcfabric.auditor.Channel;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The chain as read, except that one trail's first entry has its action rewritten, as a peer that altered stored
 * state would serve it. Everything else reads through.
 */
final class TamperedTrail implements ChainReader {
    private final ChainReader chain;
    private final String subject;

    TamperedTrail(ChainReader chain, String subject) {
        this.chain = chain;
        this.subject = subject;
    }

    @Override
    public List<AuditEntry> trail(Channel channel, String wanted) {
        List<AuditEntry> entries = new ArrayList<>(chain.trail(channel, wanted));
        if (wanted.equals(subject) && !entries.isEmpty()) {
            AuditEntry first = entries.get(0);
            entries.set(
                    0,
                    new AuditEntry(
                            first.subject(),
                            first.seq(),
                            first.action() + "-ALTERED",
                            first.actorMsp(),
                            first.actorId(),
                            first.txId(),
                            first.txTime(),
                            first.detailsHash(),
                            first.previousHash(),
                            first.hash()));
        }
        return entries;
    }

    @Override
    public List<AuditEntry> trailHeads() {
        return chain.trailHeads();
    }

    @Override
    public Optional<String> headHash(Channel channel, String wanted) {
        return chain.headHash(channel, wanted);
    }

    @Override
    public List<TrainingJob> jobs() {
        return chain.jobs();
    }

    @Override
    public List<RoundRecord> rounds(String jobId) {
        return chain.rounds(jobId);
    }

    @Override
    public Optional<AccessPass> pass(String passId) {
        return chain.pass(passId);
    }

    @Override
    public Optional<RequestRecord> request(String requestId) {
        return chain.request(requestId);
    }

    @Override
    public List<Ucl> datasets() {
        return chain.datasets();
    }

    @Override
    public List<Ucl> datasetVersions(String datasetId) {
        return chain.datasetVersions(datasetId);
    }

    @Override
    public List<UsageRecord> usage(String datasetId) {
        return chain.usage(datasetId);
    }

    @Override
    public Optional<TokenInfo> token() {
        return chain.token();
    }

    @Override
    public List<Balance> accounts() {
        return chain.accounts();
    }

    @Override
    public OptionalLong blockOf(String txId) {
        return chain.blockOf(txId);
    }

    @Override
    public Optional<List<Block>> blocks(Channel channel) {
        return chain.blocks(channel);
    }

    @Override
    public Optional<CenterKey> centerKey(String msp, String fingerprint) {
        return chain.centerKey(msp, fingerprint);
    }
}
