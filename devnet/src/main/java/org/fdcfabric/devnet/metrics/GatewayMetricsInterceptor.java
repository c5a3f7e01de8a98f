package org.fdcfabric.devnet.metrics;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Times the Gateway's Endorse and Evaluate calls by channel, chaincode and gRPC status ({@code fdc.devnet.proposals})
 * and its Submit calls by channel and status ({@code fdc.devnet.submits}); remembers when each transaction was
 * submitted for the commit listener, and forgets it when the orderer refused it.
 */
final class GatewayMetricsInterceptor implements ServerInterceptor {
    private final MeterRegistry meters;
    private final DevnetMetrics.Labels labels;
    private final SubmitTimes submits;

    GatewayMetricsInterceptor(MeterRegistry meters, DevnetMetrics.Labels labels, SubmitTimes submits) {
        this.meters = meters;
        this.labels = labels;
        this.submits = submits;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        if (!"Endorse".equals(method) && !"Evaluate".equals(method) && !"Submit".equals(method)) {
            return next.startCall(call, headers);
        }
        long started = System.nanoTime();
        Observed observed = new Observed();
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                record(method, observed, status.getCode(), started);
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(timed, headers)) {
            @Override
            public void onMessage(Q message) {
                observed.read(message);
                if (observed.txId != null) {
                    // before the orderer sees it: its block may commit before this call closes
                    submits.submitted(observed.txId, started);
                }
                super.onMessage(message);
            }
        };
    }

    private void record(String method, Observed observed, Status.Code code, long started) {
        long elapsed = System.nanoTime() - started;
        String channel = labels.channel(observed.channel);
        if ("Submit".equals(method)) {
            if (code != Status.Code.OK && observed.txId != null) {
                submits.forget(observed.txId); // refused: it will never commit
            }
            Timer.builder("fdc.devnet.submits")
                    .description("Gateway Submit calls: transactions handed to the orderer")
                    .tags("channel", channel, "status", code.name())
                    .register(meters)
                    .record(elapsed, TimeUnit.NANOSECONDS);
            return;
        }
        Timer.builder("fdc.devnet.proposals")
                .description("Gateway Endorse and Evaluate calls, timed from request to response")
                .serviceLevelObjectives(DevnetMetrics.LATENCY_BUCKETS)
                .tags(
                        "operation",
                        "Endorse".equals(method) ? "endorse" : "evaluate",
                        "channel",
                        channel,
                        "chaincode",
                        labels.chaincode(observed.channel, observed.chaincode),
                        "status",
                        code.name())
                .register(meters)
                .record(elapsed, TimeUnit.NANOSECONDS);
    }

    /** What the one request message of a unary call said; written and read on the call's serialized executor. */
    private static final class Observed {
        private volatile String channel = "";
        private volatile String chaincode = "";
        private volatile String txId;

        void read(Object message) {
            if (message instanceof EndorseRequest endorse) {
                channel = endorse.getChannelId();
                chaincode = chaincode(endorse.getProposedTransaction());
            } else if (message instanceof EvaluateRequest evaluate) {
                channel = evaluate.getChannelId();
                chaincode = chaincode(evaluate.getProposedTransaction());
            } else if (message instanceof SubmitRequest submit) {
                channel = submit.getChannelId();
                txId = submit.getTransactionId();
            }
        }

        private static String chaincode(SignedProposal signed) {
            try {
                ByteString header =
                        Proposal.parseFrom(signed.getProposalBytes()).getHeader();
                ChannelHeader channelHeader =
                        ChannelHeader.parseFrom(Header.parseFrom(header).getChannelHeader());
                return ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension())
                        .getChaincodeId()
                        .getName();
            } catch (InvalidProtocolBufferException e) {
                return "";
            }
        }
    }
}
