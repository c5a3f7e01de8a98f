package org.fdcfabric.datacenter.federation;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Identifies the caller from its mutual-TLS client certificate and makes it available to the service through
 * {@link #CALLER}. A call without a certificate of a trusted organisation carries no caller, and the service
 * refuses it.
 */
final class CallerInterceptor implements ServerInterceptor {
    /** The caller of the current call, if its certificate proved one. */
    public static final Context.Key<Caller> CALLER = Context.key("fdc-caller");

    private final TrustedOrganizations organizations;
    private final Clock clock;

    public CallerInterceptor(TrustedOrganizations organizations, Clock clock) {
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<Caller> caller = peerCertificate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION))
                .flatMap(certificate -> organizations.identify(certificate, clock.instant()));
        if (caller.isEmpty()) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller.get()), call, headers, next);
    }

    private static Optional<X509Certificate> peerCertificate(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
