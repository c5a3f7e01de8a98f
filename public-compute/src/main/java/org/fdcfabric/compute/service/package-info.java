/**
 * The public compute node as a long-running service ({@code fdc compute serve}): it follows the collaboration
 * chaincode's events from a checkpoint, starts each of its jobs once every dataset has accepted, runs them (several
 * at once, each resuming from its last recorded round after a crash), and hands each final model to the job's payer
 * alone.
 */
package org.fdcfabric.compute.service;
