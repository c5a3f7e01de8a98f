/**
 * The plumbing both chaincodes share, without contracts (the shim's router scans the whole classpath, so a
 * {@code @Contract} here would appear on both channels): one transaction's view of the ledger, the caller, ledger
 * key prefixes, per-subject audit hash chains and paged reads with one bookmark scheme.
 */
package org.fdcfabric.chaincode.support;
