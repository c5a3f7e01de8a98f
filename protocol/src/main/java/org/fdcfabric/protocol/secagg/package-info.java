/**
 * Secure aggregation by pairwise masking (Bonawitz et al., CCS 2017): the messages centers and the coordinator
 * exchange, and the deterministic arithmetic both sides must agree on (seed derivation, mask expansion, fixed-point
 * encoding, Shamir reconstruction over GF(2^521 - 1)), and their wire form in federation.proto ({@code SecAggWire}).
 * Drawing randomness is left to the data center's side.
 */
package org.fdcfabric.protocol.secagg;
