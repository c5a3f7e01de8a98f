/**
 * Fabric's {@code gateway.Gateway} gRPC service (Evaluate, Endorse, Submit, CommitStatus, ChaincodeEvents) with the
 * Go gateway's error semantics: gRPC status codes and {@code gateway.ErrorDetail}s naming the failing node.
 */
package org.fdcfabric.devnet.gateway;
