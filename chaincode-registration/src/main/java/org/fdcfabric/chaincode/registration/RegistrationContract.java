package org.fdcfabric.chaincode.registration;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Caller;
import org.fdcfabric.chaincode.support.Page;
import org.fdcfabric.chaincode.support.PageRequest;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;
import org.fdcfabric.protocol.ucl.UclStatus;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The UCL registry. Providers (certificates with {@code fdc.role=provider}) register datasets; the owning
 * organisation alone publishes new versions or retires them; anyone on the channel reads. The owner and every
 * timestamp come from the transaction, never from input. Each change appends to the dataset's audit trail and
 * emits exactly one event. Arguments and results are canonical JSON or plain strings.
 */
@Contract(
        name = "registration",
        info =
                @Info(
                        title = "FDC-Fabric UCL registry",
                        description = "Unified content labels of datasets",
                        version = "1.0"))
public final class RegistrationContract implements ContractInterface {
    static final String REGISTERED = "DatasetRegistered";
    static final String UPDATED = "DatasetUpdated";
    static final String RETIRED = "DatasetRetired";

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    /** Registers version 1 of a new dataset owned by the caller's organisation; returns the stored UCL. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterDataset(Context ctx, String draftJson) {
        return guarded(() -> {
            Tx tx = Tx.of(ctx);
            Caller caller = tx.caller().require(ErrorCode.NOT_A_PROVIDER, Role.PROVIDER);
            UclDraft draft = Drafts.parse(draftJson);
            Datasets datasets = new Datasets(tx);
            if (datasets.exists(draft.id())) {
                throw Refusals.refuse(
                        ErrorCode.DATASET_EXISTS,
                        "dataset " + draft.id() + " is already registered; ids are never reused");
            }
            Ucl ucl = Ucl.fromDraft(draft, 1, caller.msp(), tx.time());
            datasets.register(ucl);
            return recordChange(tx, REGISTERED, ucl);
        });
    }

    /** Publishes the next version of an active dataset the caller's organisation owns; returns it. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String UpdateDataset(Context ctx, String draftJson) {
        return guarded(() -> {
            Tx tx = Tx.of(ctx);
            Caller caller = tx.caller().require(ErrorCode.NOT_A_PROVIDER, Role.PROVIDER);
            UclDraft draft = Drafts.parse(draftJson);
            Datasets datasets = new Datasets(tx);
            Ucl current = ownedActive(datasets, draft.id(), caller);
            if (Ucl.fromDraft(draft, current.version(), current.ownerMsp(), current.createdAt())
                    .equals(current)) {
                throw Refusals.refuse(
                        ErrorCode.DATASET_UNCHANGED,
                        "the draft equals version " + current.version() + " of " + draft.id());
            }
            if (current.version() >= Datasets.MAX_VERSIONS) {
                throw Refusals.refuse(
                        ErrorCode.TOO_MANY_VERSIONS,
                        "dataset " + draft.id() + " already has " + Datasets.MAX_VERSIONS + " versions");
            }
            Ucl next = Ucl.fromDraft(draft, current.version() + 1, current.ownerMsp(), tx.time());
            datasets.store(next);
            return recordChange(tx, UPDATED, next);
        });
    }

    /**
     * Retires an active dataset the caller's organisation owns: it stays readable, with its history, but takes no
     * new versions. The current version keeps its creation time; the retirement's time is in the audit trail.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RetireDataset(Context ctx, String datasetId) {
        return guarded(() -> {
            Tx tx = Tx.of(ctx);
            Caller caller = tx.caller().require(ErrorCode.NOT_A_PROVIDER, Role.PROVIDER);
            UclRules.datasetId(datasetId);
            Datasets datasets = new Datasets(tx);
            Ucl current = ownedActive(datasets, datasetId, caller);
            Ucl retired = new Ucl(
                    current.id(),
                    current.name(),
                    current.profile(),
                    current.schema(),
                    current.recordCount(),
                    current.merkleRoot(),
                    current.leafCount(),
                    current.address(),
                    current.version(),
                    current.terms(),
                    current.ownerMsp(),
                    current.createdAt(),
                    UclStatus.RETIRED);
            datasets.store(retired);
            return recordChange(tx, RETIRED, retired);
        });
    }

    /** The current UCL of a dataset. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDataset(Context ctx, String datasetId) {
        return guarded(() -> {
            UclRules.datasetId(datasetId);
            return CanonicalJson.write(new Datasets(Tx.of(ctx)).require(datasetId));
        });
    }

    /** One version of a dataset's UCL ({@code version} counts from 1). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDatasetVersion(Context ctx, String datasetId, String version) {
        return guarded(() -> {
            UclRules.datasetId(datasetId);
            if (version == null || !VERSION.matcher(version).matches()) {
                throw Refusals.refuse(ErrorCode.INVALID_VERSION, "version must be a whole number from 1");
            }
            int number = Integer.parseInt(version);
            Datasets datasets = new Datasets(Tx.of(ctx));
            Ucl current = datasets.require(datasetId);
            Ucl ucl = datasets.version(datasetId, number)
                    .orElseThrow(() -> Refusals.refuse(
                            ErrorCode.VERSION_NOT_FOUND,
                            "dataset " + datasetId + " has versions 1 to " + current.version()));
            return CanonicalJson.write(ucl);
        });
    }

    /**
     * A page of datasets in id order: every dataset when {@code ownerMsp} is empty, else those it owns. Returns
     * {@code {"bookmark": next or "", "datasets": [UCL...]}}.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListDatasets(Context ctx, String ownerMsp, String pageSize, String bookmark) {
        return guarded(() -> {
            PageRequest request =
                    PageRequest.parse(pageSize, bookmark, UclRules.DATASET_ID, ErrorCode.INVALID_PAGE_SIZE);
            Datasets datasets = new Datasets(Tx.of(ctx));
            Page<Ucl> page;
            if (ownerMsp == null || ownerMsp.isEmpty()) {
                page = datasets.list(request);
            } else {
                if (!InputChecks.MSP_ID.matcher(ownerMsp).matches()) {
                    throw Refusals.refuse(ErrorCode.INVALID_MSP_ID, "ownerMsp must be empty or an MSP id");
                }
                page = datasets.listOwnedBy(ownerMsp, request);
            }
            return CanonicalJson.write(new DatasetPage(page.items(), page.bookmark()));
        });
    }

    /** A page of a dataset's versions, oldest first: {@code {"bookmark": ..., "versions": [UCL...]}}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String DatasetHistory(Context ctx, String datasetId, String pageSize, String bookmark) {
        return guarded(() -> {
            UclRules.datasetId(datasetId);
            PageRequest request =
                    PageRequest.parse(pageSize, bookmark, PageRequest.SEQUENCE, ErrorCode.INVALID_PAGE_SIZE);
            Datasets datasets = new Datasets(Tx.of(ctx));
            datasets.require(datasetId);
            Page<Ucl> page = datasets.versions(datasetId, request);
            return CanonicalJson.write(new VersionPage(page.items(), page.bookmark()));
        });
    }

    /** A page of a subject's audit entries in sequence order: {@code {"bookmark", "entries", "subject"}}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTrail(Context ctx, String subject, String pageSize, String bookmark) {
        return guarded(() -> {
            checkSubject(subject);
            PageRequest request =
                    PageRequest.parse(pageSize, bookmark, PageRequest.SEQUENCE, ErrorCode.INVALID_PAGE_SIZE);
            Page<AuditEntry> page = new AuditTrail(Tx.of(ctx)).page(subject, request);
            return CanonicalJson.write(new TrailPage(subject, page.items(), page.bookmark()));
        });
    }

    /** Verifies a subject's whole audit trail; an unknown subject is an empty, intact trail. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyTrail(Context ctx, String subject) {
        return guarded(() -> {
            checkSubject(subject);
            return CanonicalJson.write(new AuditTrail(Tx.of(ctx)).verify(subject));
        });
    }

    private static Ucl ownedActive(Datasets datasets, String datasetId, Caller caller) {
        Ucl current = datasets.require(datasetId);
        if (!current.ownerMsp().equals(caller.msp())) {
            throw Refusals.refuse(
                    ErrorCode.NOT_OWNER,
                    "dataset " + datasetId + " belongs to " + current.ownerMsp() + ", not " + caller.msp());
        }
        if (current.status() == UclStatus.RETIRED) {
            throw Refusals.refuse(ErrorCode.DATASET_RETIRED, "dataset " + datasetId + " is retired");
        }
        return current;
    }

    /** Checks that {@code subject} names a trail this channel keeps: {@code dataset:{datasetId}}. */
    private static void checkSubject(String subject) {
        if (subject == null
                || !subject.startsWith(Subjects.DATASET)
                || !UclRules.DATASET_ID
                        .matcher(subject.substring(Subjects.DATASET.length()))
                        .matches()) {
            throw Refusals.refuse(
                    ErrorCode.INVALID_SUBJECT, "the registration channel keeps trails of subjects dataset:{datasetId}");
        }
    }

    /** Appends the audit entry, emits the transaction's one event, and returns the stored UCL. */
    private static String recordChange(Tx tx, String action, Ucl ucl) {
        AuditEntry entry = new AuditTrail(tx).append(Subjects.dataset(ucl.id()), action, ucl);
        DatasetEvent event = new DatasetEvent(
                ucl.id(),
                ucl.version(),
                ucl.ownerMsp(),
                ucl.status(),
                ucl.merkleRoot(),
                tx.txId(),
                entry.seq(),
                entry.hash());
        tx.emit(action, event);
        return CanonicalJson.write(ucl);
    }

    private static String guarded(Supplier<String> transaction) {
        try {
            return transaction.get();
        } catch (InvalidInputException e) {
            throw Refusals.of(e);
        }
    }

    record DatasetPage(List<Ucl> datasets, String bookmark) {}

    record VersionPage(List<Ucl> versions, String bookmark) {}

    record TrailPage(String subject, List<AuditEntry> entries, String bookmark) {}
}
