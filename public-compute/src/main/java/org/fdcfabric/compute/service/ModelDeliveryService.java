package org.fdcfabric.compute.service;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.models.GetModelRequest;
import org.fdcfabric.protocol.models.GetModelResponse;
import org.fdcfabric.protocol.models.ModelDeliveryGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a completed job's final model to its payer. The caller is the enrollment certificate it presented over
 * mutual TLS; the job on chain says who paid ({@code createdBy}, Fabric's {@code x509::subject::issuer} id, of the
 * organisation {@code payerMsp}). Both must match, and the certificate must verify against that organisation's
 * CA. The stored model must hash to the aggregate the chain recorded for the job's last round, so the node never
 * hands out a model the chain does not vouch for.
 */
final class ModelDeliveryService extends ModelDeliveryGrpc.ModelDeliveryImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDeliveryService.class);
    static final Context.Key<X509Certificate> CALLER = Context.key("fdc-model-caller");

    private final JobClient jobs;
    private final ModelStore store;
    private final Map<String, X509Certificate> payerAuthorities;

    ModelDeliveryService(JobClient jobs, ModelStore store, Map<String, X509Certificate> payerAuthorities) {
        this.jobs = jobs;
        this.store = store;
        this.payerAuthorities = new TreeMap<>(payerAuthorities);
    }

    @Override
    public void getModel(GetModelRequest request, StreamObserver<GetModelResponse> response) {
        try {
            response.onNext(deliver(request.getJobId(), CALLER.get()));
            response.onCompleted();
        } catch (io.grpc.StatusRuntimeException e) {
            response.onError(e);
        }
    }

    private GetModelResponse deliver(String jobId, X509Certificate caller) {
        if (!jobId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("INVALID_JOB_ID: " + jobId)
                    .asRuntimeException();
        }
        if (caller == null) {
            throw denied("no client certificate");
        }
        TrainingJob job;
        RoundRecord last;
        try {
            job = jobs.job(jobId).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("JOB_NOT_FOUND: no job " + jobId)
                    .asRuntimeException());
            if (!isPayer(caller, job)) {
                LOG.warn("refused the model of {} to {}", jobId, caller.getSubjectX500Principal());
                throw denied("only the payer of " + jobId + " (" + job.payerMsp() + ") receives its model");
            }
            if (job.status() != JobStatus.COMPLETED) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("JOB_NOT_COMPLETED: job " + jobId + " is " + job.status())
                        .asRuntimeException();
            }
            last = jobs.round(jobId, job.roundsRecorded()).orElseThrow();
        } catch (FdcClientException e) {
            throw Status.UNAVAILABLE
                    .withDescription("cannot read job " + jobId + " on chain: " + e.getMessage())
                    .asRuntimeException();
        }
        byte[] model = store.finalModel(jobId).orElseThrow(() -> Status.NOT_FOUND
                .withDescription("MODEL_NOT_FOUND: this node has no final model of " + jobId)
                .asRuntimeException());
        // the file is the model's wire bytes, whose SHA-256 is the model hash the chain records
        String hash = ModelCodec.sha256Hex(model);
        if (!hash.equals(last.aggregateModelHash())) {
            throw Status.DATA_LOSS
                    .withDescription("MODEL_HASH_MISMATCH: the stored model of " + jobId + " hashes to " + hash
                            + " but the chain recorded " + last.aggregateModelHash())
                    .asRuntimeException();
        }
        return GetModelResponse.newBuilder()
                .setModel(ByteString.copyFrom(model))
                .setModelHash(hash)
                .setProvenanceJson(
                        ByteString.copyFrom(store.finalProvenance(jobId).orElse(new byte[0])))
                .build();
    }

    /** The certificate is the job creator's (Fabric's id format) and its organisation's CA signed it. */
    private boolean isPayer(X509Certificate caller, TrainingJob job) {
        X509Certificate ca = payerAuthorities.get(job.payerMsp());
        if (ca == null) {
            return false;
        }
        try {
            caller.checkValidity(new Date());
            caller.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return fabricId(caller).equals(job.createdBy());
    }

    /** The id the chaincode shim gives a caller: {@code x509::<subject DN>::<issuer DN>}. */
    static String fabricId(X509Certificate certificate) {
        return "x509::" + certificate.getSubjectX500Principal() + "::" + certificate.getIssuerX500Principal();
    }

    private static io.grpc.StatusRuntimeException denied(String why) {
        return Status.PERMISSION_DENIED.withDescription("NOT_PAYER: " + why).asRuntimeException();
    }

    /** Puts the caller's verified TLS client certificate into the call's context. */
    static final class CallerCertificate implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            Optional<X509Certificate> certificate =
                    peerCertificate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
            if (certificate.isEmpty()) {
                return next.startCall(call, headers);
            }
            return Contexts.interceptCall(Context.current().withValue(CALLER, certificate.get()), call, headers, next);
        }

        private static Optional<X509Certificate> peerCertificate(SSLSession session) {
            if (session == null) {
                return Optional.empty();
            }
            try {
                Certificate[] chain = session.getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate x509
                        ? Optional.of(x509)
                        : Optional.empty();
            } catch (SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
        }
    }
}
