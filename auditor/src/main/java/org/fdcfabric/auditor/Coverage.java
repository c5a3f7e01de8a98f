package org.fdcfabric.auditor;

/** How much of the chain an audit looked at, so a clean verdict over nothing is visible as such. */
public record Coverage(
        long trails,
        long trailEntries,
        long jobs,
        long rounds,
        long passes,
        long datasets,
        long usageRecords,
        long accounts,
        long blocks) {}
