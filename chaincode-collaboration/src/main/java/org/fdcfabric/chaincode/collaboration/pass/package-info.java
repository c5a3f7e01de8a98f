/**
 * The {@code pass} contract: signed collaboration requests kept for non-repudiation, owners' grants and denials
 * checked against the registration channel, and access passes with their expiry and round budget.
 */
package org.fdcfabric.chaincode.collaboration.pass;
