package org.fdcfabric.chaincode.collaboration.audit;

import org.fdcfabric.chaincode.collaboration.DatasetRegistry;
import org.fdcfabric.chaincode.collaboration.Inputs;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Page;
import org.fdcfabric.chaincode.support.PageRequest;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;
import org.fdcfabric.protocol.ucl.UclRules;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Reading and verifying audit trails, and providers' reports of local data use. */
@Contract(name = "audit")
public final class AuditContract implements ContractInterface {
    public static final int MAX_SUBJECT_CHARS = 200;

    /** A subject's entries in sequence order, paged. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTrail(Context ctx, String subject, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        subject(subject);
        Page<AuditEntry> page = new AuditTrail(tx)
                .page(subject, PageRequest.parse(pageSize, bookmark, PageRequest.SEQUENCE, ErrorCode.INVALID_PAGE));
        return CanonicalJson.write(new TrailPage(subject, page.items(), page.bookmark()));
    }

    /** Every subject's latest entry in subject order, paged: the index of all trails. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListTrailHeads(Context ctx, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Page<AuditEntry> page = new AuditTrail(tx)
                .heads(PageRequest.parse(pageSize, bookmark, PageRequest.ANY_KEY_PART, ErrorCode.INVALID_PAGE));
        return CanonicalJson.write(new TrailHeadPage(page.items(), page.bookmark()));
    }

    /**
     * Verifies a whole trail: sequence numbers, each entry's hash, each link, and that the head is the last entry.
     * An unknown subject is an empty, valid trail.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyTrail(Context ctx, String subject) {
        Tx tx = Tx.of(ctx);
        subject(subject);
        return CanonicalJson.write(new AuditTrail(tx).verify(subject));
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
        Refusals.checked(report::validate);
        String owner = new DatasetRegistry(tx).dataset(report.datasetId()).ownerMsp();
        if (!owner.equals(tx.caller().msp())) {
            throw Refusals.refuse(
                    ErrorCode.NOT_DATASET_OWNER, "only " + owner + " reports the use of dataset " + report.datasetId());
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
        Refusals.checked(() -> InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId"));
        Page<UsageRecord> page = tx.page(
                UsageRecord.class,
                PageRequest.parse(pageSize, bookmark, PageRequest.SEQUENCE, ErrorCode.INVALID_PAGE),
                Keys.USAGE,
                datasetId);
        return CanonicalJson.write(new UsagePage(page.items(), page.bookmark()));
    }

    private static void subject(String subject) {
        if (subject == null
                || subject.isEmpty()
                || subject.length() > MAX_SUBJECT_CHARS
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw Refusals.refuse(
                    ErrorCode.INVALID_SUBJECT,
                    "a subject is 1 to " + MAX_SUBJECT_CHARS + " characters without control characters");
        }
    }
}
