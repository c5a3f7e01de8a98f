package org.fdcfabric.protocol.job;

import java.math.BigDecimal;

/**
 * How far a round moved the model, as the compute organisation measured it: the model it started from, the
 * distance between the new and the previous aggregate, and whether that distance reached the job's epsilon. A
 * restarted coordinator resumes from these; they are fields of their own, not entries of the metrics map.
 *
 * @param previousModelHash lowercase hex SHA-256 of the model the round started from
 * @param distance ||w_p - w_(p-1)||, a non-negative decimal (never a float: canonical JSON has none)
 * @param converged whether {@code distance} reached the job's epsilon
 */
public record RoundProgress(String previousModelHash, BigDecimal distance, boolean converged) {}
