/**
 * The training job as the chain holds it (TrainingJob, TrainingPlan, UCL addresses, RoundRecord) and the
 * coordinator's port to the chain, {@link org.fdcfabric.compute.job.JobLedger}.
 */
package org.fdcfabric.compute.job;
