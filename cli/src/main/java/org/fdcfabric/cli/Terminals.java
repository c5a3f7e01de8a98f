package org.fdcfabric.cli;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Whether {@code fdc} runs on a terminal that can redraw a progress bar, as JLine (the progress library's terminal
 * layer) sees it: bars there, plain lines in logs and pipes. The one check behind demo, experiment and job watch.
 */
public final class Terminals {
    private Terminals() {}

    /** Whether standard output is a terminal that can redraw a bar. */
    public static boolean interactive() {
        try (Terminal terminal = TerminalBuilder.builder().dumb(true).build()) {
            return !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        } catch (IOException e) {
            return false;
        }
    }
}
