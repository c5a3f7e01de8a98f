package org.fdcfabric.devnet.ledger;

/** A committed value with the version that wrote it. */
public record VersionedValue(byte[] value, Version version) {}
