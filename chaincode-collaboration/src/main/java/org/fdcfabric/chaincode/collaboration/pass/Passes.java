package org.fdcfabric.chaincode.collaboration.pass;

import java.util.Optional;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassVerdict;

/** Access passes on the ledger ({@code pass~{passId}}), shared by the pass and job contracts. */
public final class Passes {
    private final Tx tx;
    private final AuditTrail audit;

    public Passes(Tx tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
    }

    public Optional<AccessPass> find(String passId) {
        return tx.read(tx.key(Keys.PASS, passId), AccessPass.class);
    }

    public AccessPass require(String passId) {
        return find(passId).orElseThrow(() -> Refusals.refuse(ErrorCode.PASS_NOT_FOUND, "no pass " + passId));
    }

    /** The pass judged at this transaction's time; a missing pass is an invalid verdict, not an error. */
    public PassVerdict verdict(String passId, String datasetId, String purpose) {
        return find(passId)
                .map(p -> p.verdict(datasetId, purpose, tx.time()))
                .orElseGet(() -> PassVerdict.notFound(passId, datasetId, purpose, tx.time()));
    }

    /** Throws {@code PASS_INVALID} with the verdict's reason unless the pass may be used now. */
    public AccessPass requireValid(String passId, String datasetId, String purpose) {
        PassVerdict verdict = verdict(passId, datasetId, purpose);
        if (!verdict.valid()) {
            throw Refusals.refuse(
                    ErrorCode.PASS_INVALID,
                    "pass " + passId + " cannot be used for dataset " + datasetId + ": " + verdict.reason());
        }
        return require(passId);
    }

    /** Stores a new or changed pass and appends {@code action} to its trail. */
    public void save(AccessPass pass, String action) {
        tx.write(tx.key(Keys.PASS, pass.passId()), pass);
        audit.append(Subjects.pass(pass.passId()), action, pass);
    }

    /** Charges one round to a pass that {@link #requireValid} accepted. */
    public AccessPass charge(AccessPass pass, String action) {
        AccessPass charged = pass.charged();
        save(charged, action);
        return charged;
    }
}
