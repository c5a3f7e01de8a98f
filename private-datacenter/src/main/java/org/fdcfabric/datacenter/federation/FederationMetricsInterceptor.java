package org.fdcfabric.datacenter.federation;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The center's Federation meters, taken at the gRPC boundary: each call timed by operation and status
 * ({@code fdc.center.calls}), the message bytes it received and sent ({@code fdc.center.received},
 * {@code fdc.center.sent}), and each refusal by its reason code ({@code fdc.center.refusals}), which the
 * service puts first in the status description ({@code PASS_REVOKED: ...}).
 */
final class FederationMetricsInterceptor implements ServerInterceptor {
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

    private final MeterRegistry meters;

    FederationMetricsInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String operation = call.getMethodDescriptor().getBareMethodName().toLowerCase(Locale.ROOT);
        long started = System.nanoTime();
        ServerCall<Q, R> metered = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(R message) {
                bytes(
                        "fdc.center.sent",
                        "Federation response bytes sent (sealed updates, metrics)",
                        operation,
                        message);
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                finished(operation, status, started);
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(metered, headers)) {
            @Override
            public void onMessage(Q message) {
                bytes("fdc.center.received", "Federation request bytes received (models)", operation, message);
                super.onMessage(message);
            }
        };
    }

    private void bytes(String name, String description, String operation, Object message) {
        if (message instanceof MessageLite proto) {
            Counter.builder(name)
                    .description(description)
                    .baseUnit("bytes")
                    .tag("operation", operation)
                    .register(meters)
                    .increment(proto.getSerializedSize());
        }
    }

    private void finished(String operation, Status status, long started) {
        Timer.builder("fdc.center.calls")
                .description("Federation calls (describe, train, evaluate), timed, by gRPC status")
                .tags("operation", operation, "status", status.getCode().name())
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (status.getCode() == Status.Code.PERMISSION_DENIED || status.getCode() == Status.Code.UNAUTHENTICATED) {
            Counter.builder("fdc.center.refusals")
                    .description("Federation calls the center refused, by reason code")
                    .tags("operation", operation, "reason", reason(status.getDescription()))
                    .register(meters)
                    .increment();
        }
    }

    /** The code before the first colon, if it looks like one: the label's values stay few. */
    private static String reason(String description) {
        if (description == null) {
            return "UNSPECIFIED";
        }
        int colon = description.indexOf(':');
        String code = colon < 0 ? description : description.substring(0, colon);
        return REASON.matcher(code).matches() ? code : "OTHER";
    }
}
