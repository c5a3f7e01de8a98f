package org.fdcfabric.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * A point in time given on the command line: an ISO-8601 instant ({@code 2026-12-31T00:00:00Z}) or a time from
 * now ({@code 90m}, {@code 12h}, {@code 30d}, or ISO {@code P7D}; whole seconds).
 */
public final class TimeSpec {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([smhd])");

    private TimeSpec() {}

    public static Instant parse(String text, Clock clock, ErrorCode code, String option) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(code.name(), option + " is required");
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            Duration d =
                    switch (relative.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
            return clock.instant().plus(d).truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return clock.instant().plus(Duration.parse(text)).truncatedTo(ChronoUnit.SECONDS);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    code.name(),
                    option
                            + " must be an ISO-8601 instant (2026-12-31T00:00:00Z) or a time from now (90m, 12h, 30d), was '"
                            + text + "'");
        }
    }
}
