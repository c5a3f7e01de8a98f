package org.fdcfabric.datacenter.store.imports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.store.StreamDescriptor;

/**
 * The schema file of a CSV import (JSON): which stream the rows go to, the sensor model they come from, which
 * column holds the time, the subject and each of the model's channels, and which columns are direct
 * identifiers that must never be stored. Example:
 *
 * <pre>{@code
 * {"stream": "ward-7", "sensor": "FDC_WEARABLE", "delimiter": ",",
 *  "timestamp": {"column": "time", "format": "EPOCH_MILLIS"},
 *  "subject": "child_id", "channels": {"x": "ax", "y": "ay", "z": "az"},
 *  "identifiers": ["name", "phone"]}
 * }</pre>
 */
public record CsvSchema(
        String stream,
        String sensor,
        String delimiter,
        TimestampColumn timestamp,
        String subject,
        Map<String, String> channels,
        List<String> identifiers) {

    /** How the time column is written. */
    public enum TimeFormat {
        EPOCH_MILLIS,
        EPOCH_SECONDS,
        ISO_8601
    }

    public record TimestampColumn(String column, TimeFormat format) {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public CsvSchema {
        channels = channels == null ? Map.of() : new LinkedHashMap<>(channels);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        delimiter = delimiter == null ? "," : delimiter;
    }

    private static final String TABLE_HINT =
            " (a table's UCL schema, with features and a label, is imported with" + " 'fdc dataset import-table')";

    /** Reads and checks a schema file; every problem names the file and the field. */
    public static CsvSchema read(Path file) {
        CsvSchema schema;
        try {
            schema = JSON.readValue(file.toFile(), CsvSchema.class);
        } catch (IOException e) {
            throw new CsvImportException(
                    "schema file " + file + " is not a valid CSV schema: " + e.getMessage() + TABLE_HINT, e);
        }
        schema.validate(file.toString());
        return schema;
    }

    void validate(String where) {
        try {
            Objects.requireNonNull(stream, "stream");
            StreamDescriptor.requireValidId(stream);
            Objects.requireNonNull(sensor, "sensor");
            SensorModel model = model();
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(timestamp.column(), "timestamp.column");
            Objects.requireNonNull(timestamp.format(), "timestamp.format");
            if (delimiter.length() != 1) {
                throw new IllegalArgumentException("delimiter must be one character, was '" + delimiter + "'");
            }
            if (!channels.keySet().equals(new HashSet<>(model.channelNames()))) {
                throw new IllegalArgumentException("channels must map exactly the " + model + " channels "
                        + model.channelNames() + ", maps " + channels.keySet());
            }
            List<String> columns = new ArrayList<>(requiredColumns());
            columns.addAll(identifiers);
            if (columns.stream().distinct().count() != columns.size()) {
                throw new IllegalArgumentException("a column is named twice: " + columns);
            }
        } catch (RuntimeException e) {
            throw new CsvImportException("schema " + where + ": " + e.getMessage() + TABLE_HINT, e);
        }
    }

    public SensorModel model() {
        return SensorModel.parse(sensor);
    }

    /** Columns a file must have: time, subject (if any), then the channels in the model's order. */
    public List<String> requiredColumns() {
        List<String> columns = new ArrayList<>();
        columns.add(timestamp.column());
        if (subject != null) {
            columns.add(subject);
        }
        for (String channel : model().channelNames()) {
            columns.add(channels.get(channel));
        }
        return columns;
    }
}
