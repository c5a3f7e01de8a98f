package org.fdcfabric.chaincode.registration;

import java.util.Optional;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * Per-subject audit hash chains on this channel: {@code audit~{subject}~{seq}} holds each entry and {@code
 * audithead~{subject}} the latest, which the next links to. A dataset's subject is {@code dataset:{id}}, as on the
 * collaboration channel. The details hash is SHA-256 of the canonical JSON of the record the transaction wrote,
 * so anyone holding that record can check it against the trail.
 */
final class AuditTrail {
    static final String DATASET_SUBJECT_PREFIX = Subjects.DATASET;
    static final Pattern SEQUENCE = Pattern.compile("[0-9]{19}");

    private final State state;

    AuditTrail(State state) {
        this.state = state;
    }

    static String datasetSubject(String datasetId) {
        return DATASET_SUBJECT_PREFIX + datasetId;
    }

    /** Checks that {@code subject} names a trail this channel keeps: {@code dataset:{datasetId}}. */
    static String checkSubject(String subject) {
        if (subject == null
                || !subject.startsWith(DATASET_SUBJECT_PREFIX)
                || !UclRules.DATASET_ID
                        .matcher(subject.substring(DATASET_SUBJECT_PREFIX.length()))
                        .matches()) {
            throw RegistrationError.INVALID_SUBJECT.error(
                    "the registration channel keeps trails of subjects dataset:{datasetId}");
        }
        return subject;
    }

    AuditEntry append(String subject, String action, Caller caller, Object details) {
        AuditEntry previous = head(subject).orElse(null);
        AuditEntry entry = AuditChain.next(
                previous,
                subject,
                action,
                caller.mspId(),
                caller.id(),
                state.stub().getTxId(),
                state.stub().getTxTimestamp(),
                Hashes.sha256Hex(CanonicalJson.bytes(details)));
        state.write(state.key(Keys.AUDIT, subject, Keys.number(entry.seq())), entry);
        state.write(state.key(Keys.AUDIT_HEAD, subject), entry);
        return entry;
    }

    Optional<AuditEntry> head(String subject) {
        return state.read(state.key(Keys.AUDIT_HEAD, subject), AuditEntry.class);
    }

    Page<AuditEntry> page(String subject, PageRequest request) {
        return state.page(AuditEntry.class, request, Keys.AUDIT, subject);
    }

    /**
     * Verifies the whole chain from its first entry, and that the head names its last entry, so that a trail
     * cut short at the end is caught as well as one altered in the middle.
     */
    TrailVerdict verify(String subject) {
        return TrailVerdict.of(subject, state.readAll(AuditEntry.class, Keys.AUDIT, subject), head(subject));
    }
}
