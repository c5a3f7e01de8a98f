package org.fdcfabric.learning.tabular;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The records of a CSV text, one at a time, each with the file line it starts on (1-based, the header being line
 * 1; a quoted field spanning lines moves later records down as a text editor would show them). Blank lines are
 * skipped. Jackson's streaming CSV parser does the quoting, so memory stays constant whatever the file's size.
 */
final class CsvRecords implements Closeable {
    private static final CsvMapper MAPPER = new CsvMapper();

    private final CsvParser parser;
    private final List<String> fields = new ArrayList<>();
    private long line;

    private final Charset encoding;

    private CsvRecords(CsvParser parser, Charset encoding) {
        this.parser = parser;
        this.encoding = encoding;
    }

    /**
     * Opens a CSV byte stream; undecodable bytes are an error ({@link TabularCsvException.Code#BAD_ENCODING}), never
     * silently replaced.
     */
    static CsvRecords open(InputStream in, TabularCsvOptions options) {
        Reader reader =
                new BufferedReader(new InputStreamReader(in, options.encoding().newDecoder()), 1 << 16);
        try {
            CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(reader);
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(options.delimiter()));
            return new CsvRecords(parser, options.encoding());
        } catch (IOException e) {
            throw new TabularCsvException(TabularCsvException.Code.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the header, the first record: column names trimmed, a UTF-8 byte-order mark dropped.
     *
     * @throws TabularCsvException {@code EMPTY_FILE} without one, {@code HEADER_MISMATCH} if a name is blank or
     *     repeated
     */
    List<String> header() {
        if (!next()) {
            throw new TabularCsvException(
                    TabularCsvException.Code.EMPTY_FILE, "line 1: the file is empty; expected a header line");
        }
        List<String> names = new ArrayList<>(fields.size());
        Set<String> seen = new HashSet<>();
        for (String field : fields) {
            String name = (names.isEmpty() && field.startsWith("\uFEFF") ? field.substring(1) : field).strip();
            if (name.isEmpty()) {
                throw new TabularCsvException(
                        TabularCsvException.Code.HEADER_MISMATCH,
                        "line " + line + ": header column " + (names.size() + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new TabularCsvException(
                        TabularCsvException.Code.HEADER_MISMATCH,
                        "line " + line + ": header repeats column '" + name + "'");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the text
     * @throws TabularCsvException ({@link TabularCsvException.Code#MALFORMED_CSV}) if the text is not CSV from here
     *     on, for example a quote that never closes
     */
    boolean next() {
        try {
            do {
                fields.clear();
                if (parser.nextToken() == null) {
                    return false;
                }
                JsonToken token = parser.nextToken();
                // a record's own line is where its first field starts; the array's start lies on the line before
                line = parser.currentTokenLocation().getLineNr();
                for (; token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                    fields.add(parser.getText());
                }
            } while (fields.size() == 1 && fields.get(0).isBlank());
            return true;
        } catch (CharacterCodingException e) {
            throw new TabularCsvException(
                    TabularCsvException.Code.BAD_ENCODING,
                    "line " + parser.currentLocation().getLineNr() + ": the bytes are not " + encoding
                            + " text; give the file's encoding");
        } catch (IOException e) {
            long at = parser.currentLocation().getLineNr();
            throw new TabularCsvException(
                    TabularCsvException.Code.MALFORMED_CSV,
                    "line " + at + ": not valid CSV from here on (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** The line the current record starts on. */
    long line() {
        return line;
    }

    /** The current record's fields, untrimmed; valid until the next call to {@link #next()}. */
    List<String> fields() {
        return fields;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
