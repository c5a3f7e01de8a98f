/**
 * The training job as the chain holds it (JobAssignment, TrainingPlan, UCL addresses, RoundResult) and the
 * coordinator's port to the chain, {@link org.fdcfabric.compute.job.JobLedger}.
 */
package org.fdcfabric.compute.job;
