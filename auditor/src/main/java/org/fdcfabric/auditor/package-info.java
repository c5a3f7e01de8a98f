/**
 * The audit checker: reads every lifecycle record through {@link org.fdcfabric.auditor.ChainReader} and reports,
 * with evidence, rounds run without a valid pass, payouts that do not match the recorded samples, broken audit
 * trails, incomplete model lineage, refused access and token imbalance.
 */
package org.fdcfabric.auditor;
