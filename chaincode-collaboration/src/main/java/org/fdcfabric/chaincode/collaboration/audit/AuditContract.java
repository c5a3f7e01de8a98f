package org.fdcfabric.chaincode.collaboration.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.chaincode.collaboration.CollaborationError;
import org.fdcfabric.chaincode.collaboration.DatasetRegistry;
import org.fdcfabric.chaincode.collaboration.Inputs;
import org.fdcfabric.chaincode.collaboration.Keys;
import org.fdcfabric.chaincode.collaboration.Paging;
import org.fdcfabric.chaincode.collaboration.Tx;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;
import org.fdcfabric.protocol.ucl.UclRules;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** Reading and verifying audit trails, and providers' reports of local data use. */
@Contract(name = "audit")
public final class AuditContract implements ContractInterface {
    public static final int MAX_SUBJECT_CHARS = 200;

    /** A subject's entries in sequence order, paged. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTrail(Context ctx, String subject, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        subject(subject);
        Paging.Page<AuditEntry> page =
                Paging.read(tx, AuditEntry.class, Paging.pageSize(pageSize), bookmark, Keys.AUDIT, subject);
        return CanonicalJson.write(new TrailPage(subject, page.values(), page.bookmark()));
    }

    /** Every subject's latest entry in subject order, paged: the index of all trails. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListTrailHeads(Context ctx, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Paging.Page<AuditEntry> page =
                Paging.read(tx, AuditEntry.class, Paging.pageSize(pageSize), bookmark, Keys.AUDIT_HEAD);
        return CanonicalJson.write(new TrailHeadPage(page.values(), page.bookmark()));
    }

    /**
     * Verifies a whole trail: sequence numbers, each entry's hash, each link, and that the head is the last entry.
     * An unknown subject is an empty, valid trail.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyTrail(Context ctx, String subject) {
        Tx tx = Tx.of(ctx);
        subject(subject);
        List<AuditEntry> trail = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = tx.stub().getStateByPartialCompositeKey(Keys.AUDIT, subject)) {
            for (KeyValue kv : it) {
                trail.add(CanonicalJson.read(new String(kv.getValue(), StandardCharsets.UTF_8), AuditEntry.class));
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("closing a ledger query failed", e);
        }
        return CanonicalJson.write(TrailVerdict.of(subject, trail, new AuditTrail(tx).head(subject)));
    }

    /**
     * A dataset's owner reports a local use of it, or a refused attempt. Appended to the trail
     * {@code dataset:{id}} and kept as a usage record. Emits {@code UsageRecorded}.
     */
    @Transaction
    public String RecordUsage(Context ctx, String usageJson) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER);
        UsageReport report = Inputs.json(usageJson, UsageReport.class);
        Inputs.checked(report::validate);
        String owner = new DatasetRegistry(tx).dataset(report.datasetId()).ownerMsp();
        if (!owner.equals(tx.caller().msp())) {
            throw CollaborationError.NOT_DATASET_OWNER.error(
                    "only " + owner + " reports the use of dataset " + report.datasetId());
        }
        AuditTrail audit = new AuditTrail(tx);
        String subject = Subjects.dataset(report.datasetId());
        long seq = audit.head(subject).map(h -> h.seq() + 1).orElse(0L);
        UsageRecord record =
                new UsageRecord(report, seq, tx.caller().msp(), tx.caller().id(), tx.time(), tx.txId());
        tx.write(tx.key(Keys.USAGE, report.datasetId(), Keys.sequence(seq)), record);
        audit.append(subject, "audit:RecordUsage", record);
        tx.emit("UsageRecorded", record);
        return CanonicalJson.write(record);
    }

    /** A dataset's usage records in order, paged. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListUsage(Context ctx, String datasetId, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Inputs.checked(() -> InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId"));
        Paging.Page<UsageRecord> page =
                Paging.read(tx, UsageRecord.class, Paging.pageSize(pageSize), bookmark, Keys.USAGE, datasetId);
        return CanonicalJson.write(new UsagePage(page.values(), page.bookmark()));
    }

    private static void subject(String subject) {
        if (subject == null
                || subject.isEmpty()
                || subject.length() > MAX_SUBJECT_CHARS
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw CollaborationError.INVALID_SUBJECT.error(
                    "a subject is 1 to " + MAX_SUBJECT_CHARS + " characters without control characters");
        }
    }
}
