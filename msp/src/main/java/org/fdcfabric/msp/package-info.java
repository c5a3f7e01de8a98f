/**
 * Fabric MSP crypto material: per-organisation ECDSA P-256 certificate authorities, identities carrying NodeOUs and
 * Fabric CA attributes, low-S signatures, serialized identities and the MSP directory layout real Fabric tools read.
 */
package org.fdcfabric.msp;
