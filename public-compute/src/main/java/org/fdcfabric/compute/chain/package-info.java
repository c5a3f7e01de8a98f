/**
 * The coordinator's port to the chain ({@link org.fdcfabric.compute.job.JobLedger}) over the gateway client's
 * {@code job} and {@code registration} clients, and how a training plan is written into a job offer's model spec.
 */
package org.fdcfabric.compute.chain;
