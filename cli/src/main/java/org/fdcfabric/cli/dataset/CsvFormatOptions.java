package org.fdcfabric.cli.dataset;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.protocol.InvalidInputException;
import picocli.CommandLine.Option;

/** How a CSV file is written, as the table commands take it: delimiter, encoding, missing-value tokens. */
public final class CsvFormatOptions {
    @Option(
            names = "--delimiter",
            defaultValue = ",",
            paramLabel = "<char>",
            description = "Field delimiter: one character, or tab, comma, semicolon (default: '${DEFAULT-VALUE}').")
    String delimiter;

    @Option(
            names = "--encoding",
            defaultValue = "UTF-8",
            paramLabel = "<charset>",
            description = "The file's text encoding, e.g. UTF-8, ISO-8859-1, windows-1252 (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(
            names = "--missing",
            paramLabel = "<tokens>",
            description = "Comma-separated cell texts meaning missing (default: the empty cell, NA, NaN and ?);"
                    + " give '' for the empty cell alone.")
    String missing;

    /**
     * @throws InvalidInputException ({@code INVALID_CSV_FORMAT}) for an unknown encoding or a delimiter that is not
     *     one character
     */
    public TabularCsvOptions toOptions() {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidInputException("INVALID_CSV_FORMAT", "unknown encoding '" + encoding + "'");
        }
        try {
            TabularCsvOptions options = TabularCsvOptions.defaults()
                    .withDelimiter(TabularCsvOptions.parseDelimiter(delimiter))
                    .withEncoding(charset);
            if (missing != null) {
                Set<String> tokens = "''".equals(missing)
                        ? Set.of("")
                        : Arrays.stream(missing.split(",", -1))
                                .map(String::strip)
                                .collect(Collectors.toSet());
                options = options.withMissingTokens(tokens);
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("INVALID_CSV_FORMAT", e.getMessage());
        }
    }
}
