/** Canonical JSON: the one byte form of every ledger value, signed request and hashed record. */
package org.fdcfabric.protocol.json;
