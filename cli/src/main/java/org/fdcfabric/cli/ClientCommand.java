package org.fdcfabric.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.profile.ProfileReader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the network: it connects as {@code --as} with {@code --profile}, runs, prints in the
 * chosen format and closes the connection. Failures propagate to {@link ErrorRenderer}.
 */
public abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    protected CommonOptions options;

    @Spec
    protected CommandSpec spec;

    protected CliContext context() {
        return ((Fdc) spec.root().userObject()).context();
    }

    @Override
    public final Integer call() throws Exception {
        checkArguments();
        CliContext context = context();
        if (!needsNetwork()) {
            run(null, new Output(context.out(), options.json()));
            return ExitCodes.OK;
        }
        Path profile = options.profile(context.environment());
        String identity = options.identity(context.environment());
        if (identity == null && anyIdentityWillDo()) {
            identity = new ProfileReader()
                    .read(profile).profile().identities().keySet().stream()
                            .findFirst()
                            .orElse(null);
        }
        try (FdcConnection connection = context.connector().connect(profile, identity)) {
            run(connection, new Output(context.out(), options.json()));
        }
        return ExitCodes.OK;
    }

    /** Whether this run talks to the network; one that answers from local files alone runs with no connection. */
    protected boolean needsNetwork() {
        return true;
    }

    /**
     * Whether the command works as any of the profile's identities (it only reads what every member may read), so
     * that it needs no {@code --as} when the profile has several.
     */
    protected boolean anyIdentityWillDo() {
        return false;
    }

    /** Checks combinations of arguments picocli cannot express, before connecting; throws ParameterException. */
    protected void checkArguments() {}

    protected abstract void run(FdcConnection connection, Output out) throws Exception;
}
