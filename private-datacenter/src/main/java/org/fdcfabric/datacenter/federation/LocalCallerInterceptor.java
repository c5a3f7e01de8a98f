package org.fdcfabric.datacenter.federation;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * For in-process channels inside one JVM (the {@code fdc experiment} runner, tests), where there is no TLS to
 * prove who calls: every call is attributed to the one caller this JVM wired. Never install it on a network
 * server; {@link FederationServer} uses {@link CallerInterceptor}.
 */
public final class LocalCallerInterceptor implements ServerInterceptor {
    private final Caller caller;

    public LocalCallerInterceptor(Caller caller) {
        this.caller = caller;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(
                Context.current().withValue(CallerInterceptor.CALLER, caller), call, headers, next);
    }
}
