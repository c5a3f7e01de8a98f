/**
 * The edge data path: the agent that samples a device and streams its readings to the data center over gRPC
 * with mutual TLS, buffering on disk while the center is unreachable, and the center's ingest service that
 * stores each reading exactly once.
 */
package org.fdcfabric.datacenter.edge;
