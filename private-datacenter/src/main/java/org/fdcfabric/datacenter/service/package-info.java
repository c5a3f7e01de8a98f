/**
 * The private data center as a long-running service ({@code fdc center serve}): its configuration file, the lock
 * that keeps one instance per store, the datasets it loads from its store and proves it owns on chain, and the one
 * process that serves Federation, edge ingest, metrics and health probes until it is told to drain and stop.
 */
package org.fdcfabric.datacenter.service;
