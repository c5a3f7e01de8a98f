package org.fdcfabric.protocol.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A federated training job as the ledger keeps it.
 *
 * @param payerMsp the data user's organisation that funded the escrow and receives the refund
 * @param createdBy the client id (certificate subject and issuer) that created the job
 * @param participants acceptances in the order they were committed
 * @param roundsRecorded how many rounds the compute organisation has recorded
 * @param settlement present once the job is completed, failed or cancelled
 */
public record TrainingJob(
        JobOffer offer,
        String payerMsp,
        String createdBy,
        JobStatus status,
        List<Participant> participants,
        long roundsRecorded,
        Instant createdAt,
        Instant startedAt,
        Settlement settlement) {
    public TrainingJob {
        participants = List.copyOf(participants);
    }

    public String jobId() {
        return offer.jobId();
    }

    public Optional<Participant> participant(String datasetId) {
        return participants.stream()
                .filter(p -> p.datasetId().equals(datasetId))
                .findFirst();
    }

    public TrainingJob withParticipant(Participant participant) {
        List<Participant> next = new ArrayList<>(participants);
        next.add(participant);
        return new TrainingJob(
                offer, payerMsp, createdBy, status, next, roundsRecorded, createdAt, startedAt, settlement);
    }

    public TrainingJob started(Instant at) {
        return new TrainingJob(
                offer, payerMsp, createdBy, JobStatus.RUNNING, participants, roundsRecorded, createdAt, at, settlement);
    }

    public TrainingJob withRoundRecorded() {
        return new TrainingJob(
                offer, payerMsp, createdBy, status, participants, roundsRecorded + 1, createdAt, startedAt, settlement);
    }

    public TrainingJob settled(Settlement result) {
        return new TrainingJob(
                offer,
                payerMsp,
                createdBy,
                result.outcome(),
                participants,
                roundsRecorded,
                createdAt,
                startedAt,
                result);
    }
}
