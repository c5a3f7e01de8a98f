package org.fdcfabric.protocol.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * Canonical JSON: object keys sorted, no insignificant whitespace, absent values omitted, integers and plain
 * decimals only, timestamps as ISO-8601 UTC strings. The same value gives the same bytes on every machine and
 * JVM, which is what endorsement (byte-equal results across peers), signatures and hashes need.
 *
 * <p>Floating point is refused: {@code Double.toString} changed between JDK 17 and 19, so a double would not
 * serialize identically everywhere. Use {@code long}, {@link BigDecimal} or a decimal string.
 *
 * <p>Reading is strict: unknown properties, duplicate keys, trailing content, coercions (a string where a
 * number belongs, a fraction where an integer belongs) and documents over {@link #MAX_DOCUMENT_CHARS} are all
 * rejected with {@code MALFORMED_JSON}.
 */
public final class CanonicalJson {
    public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
    public static final String MALFORMED = "MALFORMED_JSON";

    private static final ObjectMapper MAPPER = newMapper();

    private CanonicalJson() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (InvalidDefinitionException e) {
            throw new InvalidInputException("NON_CANONICAL_VALUE", e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("NON_CANONICAL_VALUE", e.getOriginalMessage(), e);
        }
    }

    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T read(String json, Class<T> type) {
        checkSize(json);
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw malformed(type.getSimpleName(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        checkSize(json);
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw malformed(type.getType().getTypeName(), e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return read(new String(json, StandardCharsets.UTF_8), type);
    }

    public static JsonNode tree(String json) {
        checkSize(json);
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("JSON", e);
        }
    }

    /** Re-encodes any JSON document canonically (used to compare documents from other writers). */
    public static String canonicalize(String json) {
        return write(tree(json));
    }

    private static void checkSize(String json) {
        if (json == null) {
            throw new InvalidInputException(MALFORMED, "no JSON document given");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidInputException(
                    MALFORMED, "JSON document of " + json.length() + " characters exceeds " + MAX_DOCUMENT_CHARS);
        }
    }

    private static InvalidInputException malformed(String what, JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return new InvalidInputException(MALFORMED, "not a valid " + what + where + ": " + e.getOriginalMessage(), e);
    }

    private static ObjectMapper newMapper() {
        SimpleModule noFloats = new SimpleModule("canonical-numbers");
        noFloats.addSerializer(Double.class, new RefuseFloatingPoint<>(Double.class));
        noFloats.addSerializer(Double.TYPE, new RefuseFloatingPoint<>(Double.TYPE));
        noFloats.addSerializer(Float.class, new RefuseFloatingPoint<>(Float.class));
        noFloats.addSerializer(Float.TYPE, new RefuseFloatingPoint<>(Float.TYPE));
        noFloats.addSerializer(BigDecimal.class, new PlainDecimal());

        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(noFloats)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(MAX_DOCUMENT_CHARS)
                        .maxNumberLength(64)
                        .build());
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // Strings stay strings; the blanket rule above would also refuse "text" for a String field.
        mapper.coercionConfigFor(String.class).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(String.class).setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        return mapper;
    }

    private static final class RefuseFloatingPoint<T> extends StdSerializer<T> {
        RefuseFloatingPoint(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.reportMappingProblem(
                    "floating-point value %s has no canonical form; use long, BigDecimal or a decimal string", value);
        }
    }

    /** Plain notation without trailing zeros, so 1.50 and 1.5 are the same bytes. */
    private static final class PlainDecimal extends StdSerializer<BigDecimal> {
        PlainDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() < 0) {
                stripped = stripped.setScale(0);
            }
            gen.writeNumber(stripped.toPlainString());
        }
    }
}
