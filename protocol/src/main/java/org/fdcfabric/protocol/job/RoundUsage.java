package org.fdcfabric.protocol.job;

import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * A data center's word that it trained in a round: what it signs with its organisation's registered center key
 * ({@link CenterKey}) and what {@code job:RecordRound} and auditors verify. It names the round, the dataset, the
 * samples it trained on, the commitment of the update it returned and the global model it started from, so a
 * signature cannot be moved to another round, another update or another model.
 *
 * @param updateCommitment lowercase hex SHA-256 of the update as the compute organisation records it (the plain
 *     update's model bytes, or the masked input's little-endian words)
 * @param baseModelHash lowercase hex SHA-256 of the global model's wire bytes the center trained from
 */
public record RoundUsage(
        String jobId, long round, String datasetId, long samples, String updateCommitment, String baseModelHash) {
    /** Separates these statements from anything else an organisation key signs. */
    public static final String STATEMENT = "fdc.round-usage.v1";

    /** The exact bytes a center signs: canonical JSON of the statement name and this usage. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(new Statement(STATEMENT, this));
    }

    private record Statement(String statement, RoundUsage usage) {}
}
