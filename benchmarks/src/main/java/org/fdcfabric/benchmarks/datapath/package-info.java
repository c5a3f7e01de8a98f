/**
 * Benchmarks of the private data center's data path: ingest into the sealed store against a naive
 * row-per-statement baseline, and governance plus Merkle root over a million readings.
 */
package org.fdcfabric.benchmarks.datapath;
