/**
 * Audit trails: each subject (dataset, request, pass, job, wallet) has a hash chain of entries, one per state
 * change, so an auditor can detect any removed, reordered or altered entry.
 */
package org.fdcfabric.protocol.audit;
