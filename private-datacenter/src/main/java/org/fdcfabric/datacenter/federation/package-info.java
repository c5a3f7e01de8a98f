/**
 * The private data center's Federation gRPC service (Describe, Train, Evaluate, and the four secure-aggregation
 * calls) behind mutual TLS, with its
 * ports to the chain ({@link org.fdcfabric.datacenter.federation.PassCheck}) and caller identification.
 */
package org.fdcfabric.datacenter.federation;
