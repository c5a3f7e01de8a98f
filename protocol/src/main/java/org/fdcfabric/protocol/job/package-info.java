/**
 * Value types of the {@code job} contract: the escrowed offer, the training job and its participants, the round
 * records written by the compute organisation, and the settlement with its exact integer payout rule (shared by
 * the chaincode and by auditors who recompute payouts).
 */
package org.fdcfabric.protocol.job;
