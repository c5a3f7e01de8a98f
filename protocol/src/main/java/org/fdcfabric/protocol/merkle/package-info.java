/**
 * Merkle trees over canonical records, as RFC 6962 defines them (leaf hash SHA-256(0x00 || record), node hash
 * SHA-256(0x01 || left || right), unbalanced trees split at the largest power of two), with inclusion proofs
 * that anyone can check against the root a UCL carries.
 */
package org.fdcfabric.protocol.merkle;
