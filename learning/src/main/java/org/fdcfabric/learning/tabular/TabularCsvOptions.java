package org.fdcfabric.learning.tabular;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * How a CSV file is written: its field delimiter, its text encoding and which cell texts (compared after trimming
 * spaces) mean "missing".
 */
public record TabularCsvOptions(char delimiter, Charset encoding, Set<String> missingTokens) {
    /** The cell texts read as missing unless told otherwise: empty, {@code NA}, {@code NaN} and {@code ?}. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "NaN", "?");

    public TabularCsvOptions {
        Objects.requireNonNull(encoding, "encoding");
        missingTokens = Set.copyOf(Objects.requireNonNull(missingTokens, "missingTokens"));
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        for (String token : missingTokens) {
            if (!token.equals(token.strip())) {
                throw new IllegalArgumentException("missing-value token '" + token + "' has surrounding spaces");
            }
        }
    }

    /** Comma-separated UTF-8 with the default missing tokens. */
    public static TabularCsvOptions defaults() {
        return new TabularCsvOptions(',', StandardCharsets.UTF_8, DEFAULT_MISSING);
    }

    public TabularCsvOptions withDelimiter(char delimiter) {
        return new TabularCsvOptions(delimiter, encoding, missingTokens);
    }

    public TabularCsvOptions withEncoding(Charset encoding) {
        return new TabularCsvOptions(delimiter, encoding, missingTokens);
    }

    public TabularCsvOptions withMissingTokens(Set<String> missingTokens) {
        return new TabularCsvOptions(delimiter, encoding, missingTokens);
    }

    /**
     * Parses a delimiter as given on a command line: one character, or {@code tab}, {@code \t}, {@code comma},
     * {@code semicolon}.
     */
    public static char parseDelimiter(String text) {
        return switch (text) {
            case "tab", "\\t", "\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            default -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException(
                            "delimiter must be one character or tab/comma/semicolon, got '" + text + "'");
                }
                yield text.charAt(0);
            }
        };
    }
}
