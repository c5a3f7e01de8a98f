package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code fdc explorer}'s argument checks, which fail before any connection is opened (the pages are ExplorerIT's). */
class ExplorerCommandTest {
    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliHarness fdc = new CliHarness();
        assertThat(fdc.run("explorer", "--port", "70000")).isEqualTo(ExitCodes.USAGE);
        assertThat(fdc.err()).contains("--port must be between 0 and 65535, not 70000");
    }

    @Test
    void aKeyStoreWithoutItsPasswordIsAUsageError() {
        CliHarness fdc = new CliHarness();
        assertThat(fdc.run("explorer", "--tls-keystore", "explorer.p12")).isEqualTo(ExitCodes.USAGE);
        assertThat(fdc.err()).contains("--tls-keystore and --tls-password-file go together");
    }

    @Test
    void theHelpNamesTheOptions() {
        CliHarness fdc = new CliHarness();
        assertThat(fdc.run("explorer", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(fdc.out()).contains("--host", "--port", "--tls-keystore", "--as", "--profile");
    }
}
