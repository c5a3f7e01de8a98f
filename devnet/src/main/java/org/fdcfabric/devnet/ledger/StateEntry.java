package org.fdcfabric.devnet.ledger;

/** One key of a range scan over committed state. */
public record StateEntry(String key, byte[] value, Version version) {}
