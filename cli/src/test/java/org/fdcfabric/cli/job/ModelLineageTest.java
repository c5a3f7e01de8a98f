package org.fdcfabric.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclStatus;
import org.junit.jupiter.api.Test;

class ModelLineageTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private static final byte[] MODEL = "model bytes".getBytes(StandardCharsets.UTF_8);
    private static final String HASH = ModelCodec.sha256Hex(MODEL);
    private static final List<String> ROUND_HASHES = List.of("a1", "b2", HASH);

    private static TrainingJob job(JobStatus status) {
        JobOffer offer = new JobOffer(
                "job-1",
                List.of("ds-a", "ds-b"),
                "p",
                1,
                100,
                10,
                "ComputeMSP",
                new ModelSpec("mlp", Map.of()),
                3,
                T.plusSeconds(86_400));
        return new TrainingJob(offer, "DataUserMSP", "x509::CN=dave", status, List.of(), 3, T, T, null);
    }

    private static List<RoundRecord> rounds() {
        List<RoundRecord> rounds = new ArrayList<>();
        for (int i = 0; i < ROUND_HASHES.size(); i++) {
            rounds.add(new RoundRecord(
                    "job-1", i + 1, List.of(), List.of(), ROUND_HASHES.get(i), Map.of(), "ComputeMSP", T, "tx" + i));
        }
        return rounds;
    }

    private static Ucl ucl(String id, String owner, String root) {
        return new Ucl(id, id, "p", null, 10, root, 10, "grpcs://h:1", 1, new Terms(1), owner, T, UclStatus.ACTIVE);
    }

    private static final Map<String, Ucl> UCLS =
            Map.of("ds-a", ucl("ds-a", "Provider1MSP", "ra"), "ds-b", ucl("ds-b", "Provider2MSP", "rb"));

    private static ModelProvenance lineage(List<String> roundHashes, String finalHash, String rootOfB) {
        return new ModelProvenance(
                "job-1",
                "fedavg",
                "mlp",
                List.of(8),
                0,
                180,
                4,
                "schema",
                1,
                "0.05",
                32,
                "0",
                "1",
                2,
                60_000L,
                "0",
                11L,
                "seed",
                List.of(
                        new ModelProvenance.UclLineage("ds-a", "Provider1MSP", "ra"),
                        new ModelProvenance.UclLineage("ds-b", "Provider2MSP", rootOfB)),
                roundHashes,
                finalHash,
                false,
                null,
                null);
    }

    @Test
    void aModelWhoseHashAndLineageAreTheChainsVerifies() {
        assertThat(ModelLineage.problems(
                        job(JobStatus.COMPLETED), rounds(), UCLS, MODEL, lineage(ROUND_HASHES, HASH, "rb")))
                .isEmpty();
    }

    @Test
    void otherBytesThanTheRecordedModelAreCaught() {
        byte[] tampered = "model bytez".getBytes(StandardCharsets.UTF_8);

        assertThat(ModelLineage.problems(
                        job(JobStatus.COMPLETED), rounds(), UCLS, tampered, lineage(ROUND_HASHES, HASH, "rb")))
                .anySatisfy(p -> assertThat(p).contains("but the chain recorded " + HASH))
                .anySatisfy(p -> assertThat(p).contains("the lineage names final model"));
    }

    @Test
    void aLineageWithOtherRoundsIsCaught() {
        assertThat(ModelLineage.problems(
                        job(JobStatus.COMPLETED),
                        rounds(),
                        UCLS,
                        MODEL,
                        lineage(List.of("a1", "xx", HASH), HASH, "rb")))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("round hashes"));
    }

    @Test
    void aLineageWithAnotherMerkleRootIsCaught() {
        assertThat(ModelLineage.problems(
                        job(JobStatus.COMPLETED), rounds(), UCLS, MODEL, lineage(ROUND_HASHES, HASH, "forged")))
                .singleElement()
                .satisfies(
                        p -> assertThat(p).contains("ds-b").contains("forged").contains("rb"));
    }

    @Test
    void aJobThatIsNotCompletedIsCaught() {
        assertThat(ModelLineage.problems(
                        job(JobStatus.RUNNING), rounds(), UCLS, MODEL, lineage(ROUND_HASHES, HASH, "rb")))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("RUNNING, not COMPLETED"));
    }
}
