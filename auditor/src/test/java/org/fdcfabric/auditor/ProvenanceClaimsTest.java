package org.fdcfabric.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProvenanceClaimsTest {
    static final String MODEL = "ab".repeat(32);
    static final String ROUND1 = "01".repeat(32);
    static final String ROOT = "cd".repeat(32);

    @Nested
    class Read {
        @Test
        void takesTheLineageOfAComputeNodesProvenanceAndIgnoresTheRest() {
            String json = "{\"jobId\":\"job-1\",\"trainer\":\"fedavg\",\"seed\":42,\"learningRate\":\"0.1\","
                    + "\"roundHashes\":[\"" + ROUND1 + "\",\"" + MODEL + "\"],\"finalModelHash\":\"" + MODEL + "\","
                    + "\"ucls\":[{\"datasetId\":\"ds-1\",\"ownerMsp\":\"Org1MSP\",\"merkleRoot\":\"" + ROOT + "\"}],"
                    + "\"converged\":true}";

            ModelClaim claim = ProvenanceClaims.read(json);

            assertThat(claim.jobId()).isEqualTo("job-1");
            assertThat(claim.finalModelHash()).isEqualTo(MODEL);
            assertThat(claim.roundHashes()).containsExactly(ROUND1, MODEL);
            assertThat(claim.ucls()).containsExactly(new ModelClaim.ClaimedUcl("ds-1", "Org1MSP", ROOT));
        }

        @Test
        void roundsAndUclsMayBeAbsent() {
            ModelClaim claim = ProvenanceClaims.read("{\"jobId\":\"j\",\"finalModelHash\":\"" + MODEL + "\"}");

            assertThat(claim.roundHashes()).isEmpty();
            assertThat(claim.ucls()).isEmpty();
        }

        @Test
        void aProvenanceWithoutAJobIsRefused() {
            assertThatThrownBy(() -> ProvenanceClaims.read("{\"finalModelHash\":\"" + MODEL + "\"}"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(ProvenanceClaims.INVALID_PROVENANCE));
        }

        @Test
        void aModelHashThatIsNotSha256IsRefused() {
            assertThatThrownBy(() -> ProvenanceClaims.read("{\"jobId\":\"j\",\"finalModelHash\":\"xyz\"}"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(ProvenanceClaims.INVALID_PROVENANCE));
        }

        @Test
        void uclsThatAreNotAListAreRefused() {
            assertThatThrownBy(() ->
                            ProvenanceClaims.read("{\"jobId\":\"j\",\"finalModelHash\":\"" + MODEL + "\",\"ucls\":{}}"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(ProvenanceClaims.INVALID_PROVENANCE));
        }

        @Test
        void malformedJsonIsRefusedWithItsCode() {
            assertThatThrownBy(() -> ProvenanceClaims.read("{\"jobId\":"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("MALFORMED_JSON"));
        }
    }
}
