package org.fdcfabric.experiment.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.compute.coordinator.CenterEndpoint;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.TlsCenterDirectory;
import org.fdcfabric.compute.job.Absence;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.RoundResult;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.federation.CenterIdentity;
import org.fdcfabric.datacenter.federation.FederationServer;
import org.fdcfabric.datacenter.federation.FederationService;
import org.fdcfabric.datacenter.federation.TrustedOrganizations;
import org.fdcfabric.datacenter.federation.UsageSigner;
import org.fdcfabric.experiment.ExperimentLedger;
import org.fdcfabric.learning.crypto.JobKeyAgreement;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.training.GaussianBlobs;
import org.fdcfabric.learning.training.LocalTrainer;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.federation.DescribeRequest;
import org.fdcfabric.protocol.federation.FederationGrpc;
import org.fdcfabric.protocol.federation.Hyperparameters;
import org.fdcfabric.protocol.federation.TrainRequest;
import org.fdcfabric.protocol.federation.TrainResponse;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's mutual-TLS directory against real Federation servers on loopback (Netty), with X.509 P-256
 * identities from the msp module's certificate authorities.
 */
class TlsCenterDirectoryTest {
    private static final String COMPUTE = "ComputeMSP";
    private static final String PURPOSE = "activity-recognition";
    private static final List<String> HOSTS = List.of("localhost", "127.0.0.1");

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CertificateAuthority> cas = new TreeMap<>();
    private final ExperimentLedger ledger = new ExperimentLedger(clock);
    private final List<FederationServer> servers = new ArrayList<>();
    private final Map<String, IssuedIdentity> centerTls = new TreeMap<>();

    @TempDir
    Path dir;

    private CertificateAuthority ca(String mspId) {
        return cas.computeIfAbsent(mspId, id -> newCa(id));
    }

    private CertificateAuthority newCa(String mspId) {
        return CertificateAuthority.create(
                "ca." + mspId.toLowerCase(java.util.Locale.ROOT) + ".fdc", mspId, clock, Duration.ofDays(30), random);
    }

    /** The organisations every center trusts: the providers, the compute org and a data user org. */
    private TrustedOrganizations trusted() {
        Map<String, X509Certificate> authorities = new TreeMap<>();
        for (String msp : List.of("SchoolAMSP", "SchoolBMSP", COMPUTE, "DataUserMSP")) {
            authorities.put(msp, ca(msp).certificate());
        }
        return new TrustedOrganizations(authorities);
    }

    /** Starts a center of {@code mspId} presenting {@code tls}, offering {@code datasetId}, and registers its UCL. */
    private void startCenter(String mspId, String datasetId, IssuedIdentity tls, LocalTrainer trainer)
            throws Exception {
        FederationService service = new FederationService(
                mspId,
                new KeyPair(tls.certificate().getPublicKey(), tls.privateKey()),
                List.of(new CenterDataset(
                        datasetId,
                        GaussianBlobs.classification(150, 3, 1.0),
                        GaussianBlobs.classification(60, 4, 1.0))),
                ledger,
                family -> trainer,
                random,
                UsageSigner.of(tls.privateKey(), tls.certificate()));
        FederationServer server = FederationServer.start(
                0, new CenterIdentity(mspId, tls.privateKey(), tls.certificate()), trusted(), service, clock);
        servers.add(server);
        centerTls.put(mspId, tls);
        ledger.registerUcl(new UclAddress(
                datasetId, mspId, "localhost:" + server.port(), GaussianBlobs.SCHEMA.hash(), "00".repeat(32)));
    }

    private void startCenter(String mspId, String datasetId) throws Exception {
        startCenter(
                mspId,
                datasetId,
                ca(mspId).issueTls(mspId, "dc." + datasetId, HOSTS),
                Trainers.forFamily(ModelFamily.LOGISTIC));
    }

    /** A directory presenting {@code caller}, trusting the providers' CAs and pinning their centers' certificates. */
    private TlsCenterDirectory directory(IssuedIdentity caller) {
        Map<String, X509Certificate> pinned = new TreeMap<>();
        centerTls.forEach((msp, tls) -> pinned.put(msp, tls.certificate()));
        return new TlsCenterDirectory(
                caller.privateKey(),
                caller.certificate(),
                List.of(ca("SchoolAMSP").certificate(), ca("SchoolBMSP").certificate()),
                pinned);
    }

    private IssuedIdentity computeTls() {
        return ca(COMPUTE).issueTls(COMPUTE, "compute.fdc", HOSTS);
    }

    private JobAssignment job(String jobId, List<String> datasets, Duration deadline, int quorum) {
        JobAssignment job =
                new JobAssignment(jobId, PURPOSE, COMPUTE, datasets, 1, Harness.plan(7, quorum, deadline, 0));
        ledger.createJob(job, Instant.now().plus(Duration.ofHours(1)));
        return job;
    }

    private UclAddress ucl(JobAssignment job, String datasetId) {
        return ledger.uclAddresses(job).stream()
                .filter(u -> u.datasetId().equals(datasetId))
                .findFirst()
                .orElseThrow();
    }

    private static TrainRequest trainRequest(JobAssignment job, String datasetId) {
        return TrainRequest.newBuilder()
                .setJobId(job.jobId())
                .setRound(1)
                .setDatasetId(datasetId)
                .setPurpose(PURPOSE)
                .setGlobalModel(ModelCodec.toProto(
                        new ModelInitializer().initial(job.plan().spec(), GaussianBlobs.SCHEMA.hash(), 1)))
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLocalEpochs(1)
                        .setLearningRate(0.05)
                        .setBatchSize(8)
                        .setSeed(3))
                .build();
    }

    private static FederationGrpc.FederationBlockingStub stub(CenterEndpoint endpoint) {
        return FederationGrpc.newBlockingStub(endpoint.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private final CountDownLatch stragglerReleased = new CountDownLatch(1);

    @AfterEach
    void stopCenters() throws Exception {
        stragglerReleased.countDown();
        for (FederationServer server : servers) {
            server.close();
        }
    }

    @Nested
    class Accepted {
        @Test
        void theComputeOrganisationTrainsAJobAndOpensUpdatesSealedToThePinnedCenterKey() throws Exception {
            startCenter("SchoolAMSP", "school-a");
            startCenter("SchoolBMSP", "school-b");
            JobAssignment job = job("job-tls", List.of("school-a", "school-b"), Duration.ofSeconds(20), 2);
            IssuedIdentity compute = computeTls();
            try (TlsCenterDirectory directory = directory(compute)) {
                CenterEndpoint endpoint = directory.connect(ucl(job, "school-a"));
                assertThat(endpoint.agreementKey())
                        .isEqualTo(centerTls.get("SchoolAMSP").certificate().getPublicKey());
                TrainResponse response = stub(endpoint).train(trainRequest(job, "school-a"));
                byte[] key = JobKeyAgreement.deriveJobKey(
                        compute.privateKey(), compute.certificate().getPublicKey(), endpoint.agreementKey(), "job-tls");
                byte[] update = new UpdateCipher(key, random)
                        .open(
                                response.getUpdate().getNonce().toByteArray(),
                                response.getUpdate().getCiphertext().toByteArray(),
                                UpdateCipher.binding("job-tls", 1, "school-a"));
                assertThat(update).isNotEmpty();

                JobResult result = coordinator(compute, directory).run("job-tls");
                RoundResult round = ledger.recordedRounds("job-tls").get(0);
                assertThat(round.participants())
                        .extracting(UpdateCommitment::datasetId)
                        .containsExactly("school-a", "school-b");
                assertThat(round.absences()).isEmpty();
                assertThat(result.finalModelHash()).isEqualTo(round.aggregateModelHash());
            }
        }
    }

    @Nested
    class Refused {
        @Test
        void aCenterWhoseCertificateAnotherCaIssuedFailsTheCoordinatorsHandshake() throws Exception {
            // Same organisation name and subject, but a CA the coordinator does not trust.
            CertificateAuthority impostor = newCa("SchoolAMSP");
            startCenter(
                    "SchoolAMSP",
                    "school-a",
                    impostor.issueTls("SchoolAMSP", "dc.school-a", HOSTS),
                    Trainers.forFamily(ModelFamily.LOGISTIC));
            JobAssignment job = job("job-ca", List.of("school-a"), Duration.ofSeconds(20), 1);
            try (TlsCenterDirectory directory = directory(computeTls())) {
                CenterEndpoint endpoint = directory.connect(ucl(job, "school-a"));
                assertThatThrownBy(() -> stub(endpoint).describe(DescribeRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            }
        }

        @Test
        void aCallerFromAnotherTrustedOrganisationIsRefusedByTheCenter() throws Exception {
            startCenter("SchoolAMSP", "school-a");
            JobAssignment job = job("job-org", List.of("school-a"), Duration.ofSeconds(20), 1);
            IssuedIdentity dataUser = ca("DataUserMSP").issueTls("DataUserMSP", "user.fdc", HOSTS);
            try (TlsCenterDirectory directory = directory(dataUser)) {
                CenterEndpoint endpoint = directory.connect(ucl(job, "school-a"));
                assertThat(stub(endpoint)
                                .describe(DescribeRequest.getDefaultInstance())
                                .getDatasetsCount())
                        .isEqualTo(1); // the handshake succeeds: the center knows the organisation
                assertThatThrownBy(() -> stub(endpoint).train(trainRequest(job, "school-a")))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                            assertThat(e.getStatus().getDescription()).startsWith("CALLER_NOT_COMPUTE_ORG");
                        });
            }
            assertThat(ledger.usage())
                    .filteredOn(u -> !u.granted())
                    .extracting(u -> u.reason())
                    .containsExactly("CALLER_NOT_COMPUTE_ORG");
        }

        @Test
        void aComputeIdentityFromAnUntrustedCaFailsTheCentersHandshake() throws Exception {
            startCenter("SchoolAMSP", "school-a");
            JobAssignment job = job("job-rogue", List.of("school-a"), Duration.ofSeconds(20), 1);
            IssuedIdentity rogue = newCa(COMPUTE).issueTls(COMPUTE, "compute.fdc", HOSTS);
            try (TlsCenterDirectory directory = directory(rogue)) {
                CenterEndpoint endpoint = directory.connect(ucl(job, "school-a"));
                assertThatThrownBy(() -> stub(endpoint).train(trainRequest(job, "school-a")))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            }
            assertThat(ledger.usage()).isEmpty(); // refused before any service code ran
        }

        @Test
        void aDatasetOwnerWithoutAPinnedCertificateOrAnAddressThatIsNotHostPortIsAnError() throws Exception {
            startCenter("SchoolAMSP", "school-a");
            try (TlsCenterDirectory directory = directory(computeTls())) {
                assertThatThrownBy(() -> directory.connect(new UclAddress(
                                "x", "OtherMSP", "localhost:1", GaussianBlobs.SCHEMA.hash(), "00".repeat(32))))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no certificate known for OtherMSP");
                assertThatThrownBy(() -> directory.connect(new UclAddress(
                                "x",
                                "SchoolAMSP",
                                "grpcs://localhost:1",
                                GaussianBlobs.SCHEMA.hash(),
                                "00".repeat(32))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not host:port");
            }
        }
    }

    @Nested
    class Deadline {
        @Test
        void aCenterTrainingPastTheRoundDeadlineOverTlsIsRecordedAsAStraggler() throws Exception {
            LocalTrainer slow = (global, data, config) -> {
                try {
                    // Held past the deadline until the test ends, however slow the machine.
                    stragglerReleased.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Trainers.forFamily(ModelFamily.LOGISTIC).train(global, data, config);
            };
            startCenter("SchoolAMSP", "school-a");
            startCenter("SchoolBMSP", "school-b", ca("SchoolBMSP").issueTls("SchoolBMSP", "dc.school-b", HOSTS), slow);
            job("job-deadline", List.of("school-a", "school-b"), Duration.ofMillis(3_000), 1);
            IssuedIdentity compute = computeTls();
            try (TlsCenterDirectory directory = directory(compute)) {
                coordinator(compute, directory).run("job-deadline");
            }
            RoundResult round = ledger.recordedRounds("job-deadline").get(0);
            assertThat(round.participants())
                    .extracting(UpdateCommitment::datasetId)
                    .containsExactly("school-a");
            assertThat(round.absences()).singleElement().satisfies(a -> {
                assertThat(a.datasetId()).isEqualTo("school-b");
                assertThat(a.kind()).isEqualTo(Absence.Kind.STRAGGLER);
                assertThat(a.reason()).startsWith("DEADLINE_EXCEEDED");
            });
        }
    }

    private Coordinator coordinator(IssuedIdentity compute, TlsCenterDirectory directory) {
        return new Coordinator(
                ledger,
                directory,
                new ModelStore(dir),
                new CoordinatorIdentity(
                        COMPUTE, new KeyPair(compute.certificate().getPublicKey(), compute.privateKey())),
                new SimpleMeterRegistry(),
                RoundListener.NONE);
    }
}
