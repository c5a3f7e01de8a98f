package org.fdcfabric.chaincode.collaboration.pass;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.fdcfabric.chaincode.collaboration.DatasetRegistry;
import org.fdcfabric.chaincode.collaboration.Inputs;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Page;
import org.fdcfabric.chaincode.support.PageRequest;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessDecision;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.DecisionOutcome;
import org.fdcfabric.protocol.pass.PassPage;
import org.fdcfabric.protocol.pass.PassStatus;
import org.fdcfabric.protocol.pass.RequestPage;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.request.RequestRules;
import org.fdcfabric.protocol.ucl.UclRules;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Collaboration requests and the access passes dataset owners grant for them. */
@Contract(name = "pass")
public final class PassContract implements ContractInterface {
    public static final int MAX_REASON_CHARS = 256;

    /**
     * Stores a data user's signed collaboration request. The signature (DER, hex or base64) must verify over the
     * request's canonical bytes against the caller's own certificate. Emits {@code AccessRequested}.
     */
    @Transaction
    public String RequestAccess(Context ctx, String requestJson, String signature) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.DATA_USER);
        CollaborationRequest request = Inputs.json(requestJson, CollaborationRequest.class);
        Refusals.checked(() -> {
            RequestRules.validate(request);
            return request;
        });
        tx.caller().requireOrganisation(request.dataUserMsp(), "dataUserMsp must be the caller's organisation");
        if (!request.expiresAt().isAfter(tx.time())) {
            throw Refusals.refuse(ErrorCode.REQUEST_EXPIRED, "the request expired at " + request.expiresAt());
        }
        byte[] der = SignatureText.decode(signature);
        X509Certificate certificate = ctx.getClientIdentity().getX509Certificate();
        if (!Signatures.verify(certificate.getPublicKey(), request.canonicalBytes(), der)) {
            throw Refusals.refuse(
                    ErrorCode.INVALID_SIGNATURE,
                    "the signature does not verify against the caller's certificate over the canonical request");
        }
        String requestKey = tx.key(Keys.REQUEST, request.requestId());
        if (tx.exists(requestKey)) {
            throw Refusals.refuse(ErrorCode.REQUEST_EXISTS, "request " + request.requestId() + " already exists");
        }
        String nonceKey = tx.key(Keys.REQUEST_NONCE, request.dataUserMsp(), request.nonce());
        if (tx.exists(nonceKey)) {
            throw Refusals.refuse(ErrorCode.NONCE_REUSED, "the nonce was already used by " + request.dataUserMsp());
        }
        DatasetRegistry registry = new DatasetRegistry(tx);
        for (String datasetId : request.datasetIds()) {
            registry.dataset(datasetId);
        }
        RequestRecord record =
                new RequestRecord(request, Hashes.hex(der), tx.caller().id(), tx.time(), tx.txId(), List.of());
        tx.write(requestKey, record);
        tx.write(nonceKey, request.requestId());
        new AuditTrail(tx).append(Subjects.request(request.requestId()), "pass:RequestAccess", record);
        tx.emit("AccessRequested", record);
        return CanonicalJson.write(record);
    }

    /**
     * A dataset owner grants the request for one of its datasets: a pass {@code {requestId}:{datasetId}} valid
     * until {@code expiresAt} for at most {@code rounds} rounds (no more than the request asked). Emits
     * {@code PassGranted}.
     */
    @Transaction
    public String GrantPass(Context ctx, String requestId, String datasetId, String expiresAt, String rounds) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER);
        RequestRecord record = pendingDecision(tx, requestId, datasetId);
        CollaborationRequest request = record.request();
        if (!request.expiresAt().isAfter(tx.time())) {
            throw Refusals.refuse(
                    ErrorCode.REQUEST_EXPIRED, "request " + requestId + " expired at " + request.expiresAt());
        }
        Instant expiry = Inputs.instant(expiresAt, "expiresAt");
        if (!expiry.isAfter(tx.time())) {
            throw Refusals.refuse(ErrorCode.INVALID_EXPIRY, "a pass must expire after the transaction time");
        }
        long budget = Inputs.positiveLong(rounds, "rounds", ErrorCode.INVALID_ROUNDS);
        if (budget > request.maxRounds()) {
            throw Refusals.refuse(
                    ErrorCode.INVALID_ROUNDS,
                    "the request asks for at most " + request.maxRounds() + " rounds, not " + budget);
        }
        new DatasetRegistry(tx).ownedActiveDataset(datasetId, tx.caller().msp());

        String passId = AccessPass.idFor(requestId, datasetId);
        AccessPass pass = new AccessPass(
                passId,
                requestId,
                datasetId,
                tx.caller().msp(),
                request.dataUserMsp(),
                request.purpose(),
                request.computation(),
                budget,
                0,
                tx.time(),
                expiry,
                PassStatus.ACTIVE,
                null,
                null);
        AuditTrail audit = new AuditTrail(tx);
        new Passes(tx, audit).save(pass, "pass:GrantPass");
        tx.write(tx.key(Keys.PASS_BY_DATASET, datasetId, passId), passId);
        RequestRecord decided = record.withDecision(new AccessDecision(
                datasetId, DecisionOutcome.GRANTED, passId, null, tx.caller().msp(), tx.time(), tx.txId()));
        tx.write(tx.key(Keys.REQUEST, requestId), decided);
        audit.append(Subjects.request(requestId), "pass:GrantPass", decided);
        tx.emit("PassGranted", pass);
        return CanonicalJson.write(pass);
    }

    /** A dataset owner refuses the request for one of its datasets, with a reason. Emits {@code RequestDenied}. */
    @Transaction
    public String DenyRequest(Context ctx, String requestId, String datasetId, String reason) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER);
        RequestRecord record = pendingDecision(tx, requestId, datasetId);
        Refusals.checked(() -> InputChecks.text(reason, MAX_REASON_CHARS, false, "INVALID_REASON", "reason"));
        DatasetRegistry registry = new DatasetRegistry(tx);
        String owner = registry.dataset(datasetId).ownerMsp();
        if (!owner.equals(tx.caller().msp())) {
            throw Refusals.refuse(ErrorCode.NOT_DATASET_OWNER, "dataset " + datasetId + " belongs to " + owner);
        }
        RequestRecord decided = record.withDecision(new AccessDecision(
                datasetId, DecisionOutcome.DENIED, null, reason, tx.caller().msp(), tx.time(), tx.txId()));
        tx.write(tx.key(Keys.REQUEST, requestId), decided);
        new AuditTrail(tx).append(Subjects.request(requestId), "pass:DenyRequest", decided);
        tx.emit("RequestDenied", decided);
        return CanonicalJson.write(decided);
    }

    /** The granting owner withdraws a pass; it can no longer be used. Emits {@code PassRevoked}. */
    @Transaction
    public String RevokePass(Context ctx, String passId, String reason) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER);
        Passes passes = new Passes(tx, new AuditTrail(tx));
        AccessPass pass = passes.require(passId);
        if (!pass.ownerMsp().equals(tx.caller().msp())) {
            throw Refusals.refuse(ErrorCode.NOT_DATASET_OWNER, "pass " + passId + " was granted by " + pass.ownerMsp());
        }
        if (pass.status() != PassStatus.ACTIVE) {
            throw Refusals.refuse(ErrorCode.PASS_NOT_ACTIVE, "pass " + passId + " is already revoked");
        }
        Refusals.checked(() -> InputChecks.text(reason, MAX_REASON_CHARS, false, "INVALID_REASON", "reason"));
        AccessPass revoked = pass.revoked(tx.time(), reason);
        passes.save(revoked, "pass:RevokePass");
        tx.emit("PassRevoked", revoked);
        return CanonicalJson.write(revoked);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPass(Context ctx, String passId) {
        Tx tx = Tx.of(ctx);
        return CanonicalJson.write(new Passes(tx, new AuditTrail(tx)).require(passId));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRequest(Context ctx, String requestId) {
        return CanonicalJson.write(request(Tx.of(ctx), requestId));
    }

    /**
     * Whether the pass may be used now (by transaction time) for this dataset and purpose, with the reason when
     * not and the rounds remaining. Never an error for an unknown pass: the verdict says {@code PASS_NOT_FOUND}.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String VerifyPass(Context ctx, String passId, String datasetId, String purpose) {
        Tx tx = Tx.of(ctx);
        return CanonicalJson.write(new Passes(tx, new AuditTrail(tx)).verdict(passId, datasetId, purpose));
    }

    /** Every pass granted for a dataset, paged in pass id order. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListPassesByDataset(Context ctx, String datasetId, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Refusals.checked(() -> InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId"));
        Passes passes = new Passes(tx, new AuditTrail(tx));
        Page<AccessPass> page = tx.page(
                        String.class,
                        PageRequest.parse(pageSize, bookmark, PageRequest.ANY_KEY_PART, ErrorCode.INVALID_PAGE),
                        Keys.PASS_BY_DATASET,
                        datasetId)
                .map(passes::require);
        return CanonicalJson.write(new PassPage(page.items(), page.bookmark()));
    }

    /**
     * Every collaboration request with its decisions so far, paged in request id order: what dataset owners read
     * to find the requests still waiting for their decision.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListRequests(Context ctx, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Page<RequestRecord> page = tx.page(
                RequestRecord.class,
                PageRequest.parse(pageSize, bookmark, RequestRules.REQUEST_ID, ErrorCode.INVALID_PAGE),
                Keys.REQUEST);
        return CanonicalJson.write(new RequestPage(page.items(), page.bookmark()));
    }

    private static RequestRecord request(Tx tx, String requestId) {
        return tx.read(tx.key(Keys.REQUEST, requestId), RequestRecord.class)
                .orElseThrow(() -> Refusals.refuse(ErrorCode.REQUEST_NOT_FOUND, "no request " + requestId));
    }

    private static RequestRecord pendingDecision(Tx tx, String requestId, String datasetId) {
        Refusals.checked(
                () -> InputChecks.matches(requestId, RequestRules.REQUEST_ID, "INVALID_REQUEST_ID", "requestId"));
        Refusals.checked(() -> InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId"));
        RequestRecord record = request(tx, requestId);
        if (!record.request().datasetIds().contains(datasetId)) {
            throw Refusals.refuse(
                    ErrorCode.DATASET_NOT_IN_REQUEST, "request " + requestId + " does not name dataset " + datasetId);
        }
        if (record.decisionFor(datasetId).isPresent()) {
            throw Refusals.refuse(
                    ErrorCode.ALREADY_DECIDED,
                    "dataset " + datasetId + " of request " + requestId + " is already decided");
        }
        return record;
    }
}
