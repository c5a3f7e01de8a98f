/**
 * The {@code registration} contract on channel {@code registration}: the registry of unified content labels
 * (UCLs), their versions, owners and retirement, with a hash-chained audit trail per dataset.
 */
package org.fdcfabric.chaincode.registration;
