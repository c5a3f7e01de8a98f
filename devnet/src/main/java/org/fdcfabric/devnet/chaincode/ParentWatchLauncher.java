package org.fdcfabric.devnet.chaincode;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The entry point of a chaincode server's JVM: starts the jar's own main class as {@code java -jar} would, and ends
 * the JVM when the devnet that started it is gone. The devnet holds the write end of the server's standard input;
 * the kernel closes it when the devnet exits in any way (kill -9 included), so end-of-input is the parent's death.
 * Linux has no portable way for a JVM to ask for a signal on its parent's death, and the shim never reads its
 * standard input, so the pipe is free for this.
 *
 * <p>Runs in the chaincode server's JVM with only the JDK and the chaincode jar: it must not use anything else.
 */
public final class ParentWatchLauncher {
    /** The exit status of a server whose devnet went away. */
    static final int PARENT_GONE = 143;

    private ParentWatchLauncher() {}

    /** {@code args[0]} is the jar's {@code Main-Class}; the rest are its arguments. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatchLauncher <main class> [args...]");
        }
        Thread watch = new Thread(() -> exitAtEndOf(System.in), "devnet-parent-watch");
        watch.setDaemon(true);
        watch.start();
        // What the java launcher does for -jar: the manifest names the class, its public static main runs.
        MethodHandle main = MethodHandles.publicLookup()
                .findStatic(
                        Class.forName(args[0], true, ClassLoader.getSystemClassLoader()),
                        "main",
                        MethodType.methodType(void.class, String[].class));
        main.invokeExact(Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitAtEndOf(InputStream parentPipe) {
        byte[] ignored = new byte[64];
        try {
            while (parentPipe.read(ignored) >= 0) {
                // the devnet writes nothing; reading only waits for the end
            }
        } catch (IOException closed) {
            // a broken pipe is the same news
        }
        System.err.println("the devnet that started this chaincode server is gone; stopping");
        // halt, not exit: no shutdown hook of the shim may keep an orphan alive
        Runtime.getRuntime().halt(PARENT_GONE);
    }
}
