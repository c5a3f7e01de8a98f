package org.fdcfabric.auditor;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.UsageSignatures;

/**
 * Every contribution of every recorded round must carry its center's word: a signature over the round's usage
 * (job, round, dataset, samples, update commitment, base model) by a center key the dataset's owner registered,
 * and each round must start from the previous round's model. The chaincode refuses rounds without them, so a
 * finding here means a round reached state some other way.
 */
final class CorroborationCheck implements Check {
    private final ChainReader reader;
    private final Map<String, Optional<CenterKey>> keys = new HashMap<>();

    CorroborationCheck(ChainReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.UNCORROBORATED_ROUND);
        for (TrainingJob job : view.jobs()) {
            String previous = null;
            for (RoundRecord round : view.roundsOf(job.jobId())) {
                // a previous round without a valid hash is the lineage check's finding, not this one's
                // (a failed round may name no base; a contribution without one is flagged below)
                if (previous != null
                        && round.baseModelHash() != null
                        && InputChecks.SHA256_HEX.matcher(previous).matches()
                        && !previous.equals(round.baseModelHash())) {
                    findings.add(
                            Subjects.job(job.jobId()),
                            findings.evidence()
                                    .put("jobId", job.jobId())
                                    .put("round", round.round())
                                    .put("baseModelHash", round.baseModelHash())
                                    .put("previousModelHash", previous)
                                    .tx("round", round.txId()),
                            "round " + round.round() + " of " + job.jobId()
                                    + " does not start from the previous round's model");
                }
                for (RoundParticipant p : round.participants()) {
                    String reason = reason(job, round, p);
                    if (reason != null) {
                        findings.add(
                                Subjects.job(job.jobId()),
                                findings.evidence()
                                        .put("jobId", job.jobId())
                                        .put("round", round.round())
                                        .put("datasetId", p.datasetId())
                                        .put("providerMsp", p.providerMsp())
                                        .put("samples", p.samples())
                                        .put("reason", reason)
                                        .tx("round", round.txId()),
                                "round " + round.round() + " of " + job.jobId() + " counts dataset " + p.datasetId()
                                        + " without " + p.providerMsp() + "'s word: " + reason);
                    }
                }
                previous = round.aggregateModelHash();
            }
        }
        return findings.list();
    }

    /** Why the contribution is not corroborated, or null when it is. */
    private String reason(TrainingJob job, RoundRecord round, RoundParticipant p) {
        if (p.usage() == null) {
            return "UNSIGNED";
        }
        if (round.baseModelHash() == null) {
            return "NO_BASE_MODEL";
        }
        Optional<CenterKey> key = keys.computeIfAbsent(
                p.providerMsp() + "\n" + p.usage().centerKey(),
                k -> reader.centerKey(p.providerMsp(), p.usage().centerKey()));
        if (key.isEmpty()) {
            return ErrorCode.CENTER_KEY_NOT_FOUND.name();
        }
        X509Certificate certificate;
        try {
            certificate = UsageSignatures.certificate(key.get().certificatePem());
        } catch (InvalidInputException e) {
            return "CENTER_KEY_UNREADABLE";
        }
        return UsageSignatures.verify(
                        certificate, p.roundUsage(job.jobId(), round.round(), round.baseModelHash()), p.usage())
                ? null
                : "SIGNATURE_INVALID";
    }
}
