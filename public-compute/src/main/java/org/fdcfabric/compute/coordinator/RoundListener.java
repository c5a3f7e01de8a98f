package org.fdcfabric.compute.coordinator;

/** Hears about a job's progress (the console progress bar; tests). */
public interface RoundListener {
    RoundListener NONE = new RoundListener() {};

    default void jobStarted(String jobId, int firstRound, int maxRounds) {}

    default void roundCompleted(RoundReport report) {}

    default void jobFinished(JobResult result) {}
}
