package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Parsing of command-line time values. */
class ArgumentsTest {
    private static final Clock CLOCK = Clock.fixed(CliHarness.NOW, ZoneOffset.UTC);

    @Nested
    class Times {
        @Test
        void relativeTimesCountFromNow() {
            assertThat(TimeSpec.parse("90m", CLOCK, ErrorCode.INVALID_EXPIRY, "--t"))
                    .isEqualTo(CliHarness.NOW.plusSeconds(90 * 60));
            assertThat(TimeSpec.parse("30d", CLOCK, ErrorCode.INVALID_EXPIRY, "--t"))
                    .isEqualTo(CliHarness.NOW.plusSeconds(30L * 86400));
            assertThat(TimeSpec.parse("PT2H", CLOCK, ErrorCode.INVALID_EXPIRY, "--t"))
                    .isEqualTo(CliHarness.NOW.plusSeconds(7200));
        }

        @Test
        void instantsAreTakenAsGiven() {
            assertThat(TimeSpec.parse("2027-01-01T00:00:00Z", CLOCK, ErrorCode.INVALID_EXPIRY, "--t"))
                    .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        }

        @Test
        void anythingElseIsRefusedWithTheCode() {
            assertThatThrownBy(() -> TimeSpec.parse("next week", CLOCK, ErrorCode.INVALID_EXPIRY, "--expires"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("INVALID_EXPIRY"))
                    .hasMessageContaining("--expires")
                    .hasMessageContaining("'next week'");
        }
    }
}
