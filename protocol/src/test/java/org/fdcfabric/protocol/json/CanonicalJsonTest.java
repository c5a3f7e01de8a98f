package org.fdcfabric.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    record Sample(
            String zeta, long alpha, List<String> middle, Map<String, Integer> nested, Instant at, BigDecimal amount) {}

    record WithDouble(double value) {}

    record Counter(long count) {}

    @Nested
    class Writing {
        @Test
        void sortsRecordPropertiesAndMapKeysWithoutWhitespace() {
            Map<String, Integer> nested = new LinkedHashMap<>();
            nested.put("b", 2);
            nested.put("a", 1);
            Sample s = new Sample(
                    "z",
                    7,
                    List.of("y", "x"),
                    nested,
                    Instant.parse("2026-01-02T03:04:05.600Z"),
                    new BigDecimal("1.500"));
            assertThat(CanonicalJson.write(s))
                    .isEqualTo(
                            "{\"alpha\":7,\"amount\":1.5,\"at\":\"2026-01-02T03:04:05.600Z\",\"middle\":[\"y\",\"x\"],"
                                    + "\"nested\":{\"a\":1,\"b\":2},\"zeta\":\"z\"}");
        }

        @Test
        void omitsAbsentValues() {
            assertThat(CanonicalJson.write(new Sample(null, 1, null, null, null, null)))
                    .isEqualTo("{\"alpha\":1}");
        }

        @Test
        void writesDecimalsPlainAndWithoutTrailingZeros() {
            assertThat(CanonicalJson.write(List.of(new BigDecimal("1E+3"), new BigDecimal("0.000100"))))
                    .isEqualTo("[1000,0.0001]");
        }

        @Test
        void refusesFloatingPoint() {
            assertThatThrownBy(() -> CanonicalJson.write(new WithDouble(0.1)))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).code())
                    .isEqualTo("NON_CANONICAL_VALUE");
        }

        @Test
        void canonicalizesForeignDocuments() {
            assertThat(CanonicalJson.canonicalize("{ \"b\" : [1, {\"d\":1,\"c\":2}], \"a\": \"x\" }"))
                    .isEqualTo("{\"a\":\"x\",\"b\":[1,{\"c\":2,\"d\":1}]}");
        }
    }

    @Nested
    class Reading {
        @Test
        void roundTrips() {
            Sample s = new Sample(
                    "z",
                    7,
                    List.of("y"),
                    Map.of("k", 3),
                    Instant.parse("2026-01-02T03:04:05Z"),
                    new BigDecimal("2.25"));
            assertThat(CanonicalJson.read(CanonicalJson.write(s), Sample.class)).isEqualTo(s);
        }

        @Test
        void rejectsUnknownProperties() {
            assertMalformed("{\"count\":1,\"extra\":2}");
        }

        @Test
        void rejectsDuplicateKeys() {
            assertMalformed("{\"count\":1,\"count\":2}");
        }

        @Test
        void rejectsCoercions() {
            assertMalformed("{\"count\":\"1\"}");
            assertMalformed("{\"count\":1.5}");
            assertMalformed("{\"count\":true}");
        }

        @Test
        void rejectsTrailingContentAndGarbage() {
            assertMalformed("{\"count\":1} {}");
            assertMalformed("{\"count\":");
            assertMalformed(null);
        }

        @Test
        void rejectsOversizedDocuments() {
            String huge = "{\"count\":1,\"pad\":\"" + "x".repeat(CanonicalJson.MAX_DOCUMENT_CHARS) + "\"}";
            assertMalformed(huge);
        }

        @Test
        void namesTheLocationOfAnError() {
            assertThatThrownBy(() -> CanonicalJson.read("{\n\"count\": x}", Counter.class))
                    .hasMessageContaining("line 2");
        }

        private void assertMalformed(String json) {
            assertThatThrownBy(() -> CanonicalJson.read(json, Counter.class))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).code())
                    .isEqualTo(CanonicalJson.MALFORMED);
        }
    }
}
