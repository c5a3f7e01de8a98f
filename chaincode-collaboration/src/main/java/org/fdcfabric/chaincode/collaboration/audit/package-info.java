/**
 * The {@code audit} contract and the trail every other contract appends to: per-subject hash chains of
 * {@code AuditEntry}, paged reads, chain verification and providers' reports of local data use.
 */
package org.fdcfabric.chaincode.collaboration.audit;
