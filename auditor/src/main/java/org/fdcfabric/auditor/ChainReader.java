package org.fdcfabric.auditor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fdcfabric.protocol.audit.AuditEntry;
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
 * What the checker reads from the two channels, as protocol records. Lists are complete (implementations page
 * through the chaincode queries); absent records are empty optionals, never errors. A failure to read at all is
 * an unchecked exception: the audit then has no verdict.
 */
public interface ChainReader {

    /** Every subject's latest entry on the collaboration channel ({@code audit:ListTrailHeads}). */
    List<AuditEntry> trailHeads();

    /** A subject's whole trail in sequence order ({@code GetTrail} on either channel). */
    List<AuditEntry> trail(Channel channel, String subject);

    /** The hash of the subject's head entry as the chaincode keeps it ({@code VerifyTrail}'s {@code headHash}). */
    Optional<String> headHash(Channel channel, String subject);

    /** Every job ({@code job:ListJobs}). */
    List<TrainingJob> jobs();

    /** A job's recorded rounds in order ({@code job:ListRounds}). */
    List<RoundRecord> rounds(String jobId);

    Optional<AccessPass> pass(String passId);

    Optional<RequestRecord> request(String requestId);

    /** Every registered dataset's current UCL, retired ones included ({@code registration:ListDatasets}). */
    List<Ucl> datasets();

    /** Every version of a dataset's UCL, oldest first; empty for an unknown dataset. */
    List<Ucl> datasetVersions(String datasetId);

    /** A dataset's usage reports on the collaboration channel ({@code audit:ListUsage}). */
    List<UsageRecord> usage(String datasetId);

    Optional<TokenInfo> token();

    /** Every wallet and escrow balance ({@code token:ListAccounts}). */
    List<Balance> accounts();

    /** The number of the block that committed {@code txId}, when the reader can find it. */
    OptionalLong blockOf(String txId);

    /**
     * Every block of the channel in order, as its peer stores them, when the reader can read blocks ({@code qscc}
     * through the gateway); empty when it cannot (the in-memory ledger of the tests has no blocks).
     */
    Optional<List<Block>> blocks(Channel channel);
}
