package org.fdcfabric.cli;

/** Shared pieces of {@code fdc}'s help: every command's examples follow the same heading. */
public final class HelpText {
    /** The heading of each command's examples (its picocli footer). */
    public static final String EXAMPLES = "%nExamples:%n";

    private HelpText() {}
}
