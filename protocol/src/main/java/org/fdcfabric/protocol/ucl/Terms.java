package org.fdcfabric.protocol.ucl;

/** The owner's default offer: tokens paid per sample used in training. */
public record Terms(long tokensPerSample) {}
