package org.fdcfabric.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a long-running {@code fdc ... serve} command lives once its service is up: it prints its banner, then waits
 * until SIGTERM or Ctrl-C, whose shutdown hook runs {@code stop} (draining the service, closing its connection)
 * before the process ends.
 */
public final class Serving {
    private Serving() {}

    /** Returns {@link ExitCodes#OK} once {@code stop} has run. */
    public static int untilStopped(CliContext context, Output.Fields banner, String threadName, Runnable stop)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                stop.run();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        threadName));
        new Output(context.out(), false).print(banner, banner.then("SIGTERM (or Ctrl-C) stops it."));
        context.out().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
