/**
 * The devnet's meters, taken at its boundaries only: a gRPC interceptor on the Gateway service (proposals,
 * submits) and a commit listener on each channel's ledger (blocks, transactions by validation code, height,
 * submit-to-commit latency). Nothing here runs inside endorsement, ordering or validation.
 */
package org.fdcfabric.devnet.metrics;
