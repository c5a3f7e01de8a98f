package org.fdcfabric.devnet;

/**
 * What {@link Devnet#start} reports as it goes: each step as it begins, so a start that takes a minute on a loaded
 * machine shows where it is rather than nothing.
 */
@FunctionalInterface
public interface StartProgress {
    /** Reports nothing. */
    StartProgress SILENT = step -> {};

    /** A step begins; {@code description} says what it does in a few words. */
    void step(String description);
}
