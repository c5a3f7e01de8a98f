package org.fdcfabric.protocol.ucl;

/**
 * What every center does with a missing value in one column. The policy is part of the UCL schema, so all centers
 * of a job impute identically; the statistics behind {@link #MEAN} and {@link #MOST_FREQUENT} are computed across
 * centers for each job, never from one center's rows alone.
 */
public enum MissingPolicy {
    /** A row with this column missing is refused at import (the default). */
    REFUSE,
    /** Numeric columns only: replaced by the job's mean over all centers. */
    MEAN,
    /** Categorical columns only: replaced by the job's most frequent category over all centers. */
    MOST_FREQUENT
}
