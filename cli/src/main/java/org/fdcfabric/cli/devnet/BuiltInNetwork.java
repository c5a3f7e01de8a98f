package org.fdcfabric.cli.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fdcfabric.devnet.config.DevnetConfig;

/**
 * The built-in FDC network with its chaincode jars found under {@code root}: an installed distribution's
 * {@code chaincode/} folder (bin/fdc passes its folder as {@code -Dfdc.root}), else a checkout's module targets.
 */
public final class BuiltInNetwork {
    /** The distribution's folder of shaded chaincode jars (cli/src/assembly/dist.xml). */
    static final String INSTALLED_JARS = "chaincode";

    private BuiltInNetwork() {}

    public static DevnetConfig config(Path root) {
        DevnetConfig defaults = DevnetConfig.defaults(root);
        Path installed = root.resolve(INSTALLED_JARS);
        return Files.isDirectory(installed) ? defaults.withJarsIn(installed) : defaults;
    }
}
