package org.fdcfabric.protocol.secagg;

/** The two kinds of secret a center shares: its self-mask seed and one pairwise-mask seed per peer. */
public enum SecretKind {
    SELF_MASK,
    PAIR_MASK
}
