package org.fdcfabric.protocol.audit;

/** Where an audit trail stops holding, and why. */
public record TrailBreak(long seq, String reason) {}
