package org.fdcfabric.protocol.ucl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UclRulesTest {
    static UclSchema schema() {
        List<FeatureSpec> features = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            features.add(new FeatureSpec(String.format("f%03d", i), FeatureType.NUMERIC));
        }
        return new UclSchema(
                features,
                new LabelSpec("activity", List.of("eating", "sleeping", "indoor", "outdoor")),
                Task.CLASSIFICATION);
    }

    static UclDraft valid() {
        return new UclDraft(
                "school-1.wearables",
                "School 1 wearables",
                "Children's tri-axial acceleration\n60 s windows",
                schema(),
                1200,
                "ab".repeat(32),
                1200,
                "grpcs://dc1.example.org:7443",
                new Terms(3));
    }

    static UclDraft with(UnaryOperator<Object[]> change) {
        UclDraft d = valid();
        Object[] f = {
            d.id(),
            d.name(),
            d.profile(),
            d.schema(),
            d.recordCount(),
            d.merkleRoot(),
            d.leafCount(),
            d.address(),
            d.terms()
        };
        f = change.apply(f);
        return new UclDraft(
                (String) f[0],
                (String) f[1],
                (String) f[2],
                (UclSchema) f[3],
                (long) f[4],
                (String) f[5],
                (long) f[6],
                (String) f[7],
                (Terms) f[8]);
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    static UclSchema schemaWith(List<FeatureSpec> features, LabelSpec label, Task task) {
        return new UclSchema(features, label, task);
    }

    static UclSchema withFeature(UclSchema s, FeatureSpec feature) {
        List<FeatureSpec> features = new ArrayList<>(s.features());
        features.add(feature);
        return schemaWith(features, s.label(), s.task());
    }

    static Stream<Arguments> badDrafts() {
        UclSchema s = schema();
        List<FeatureSpec> dup = new ArrayList<>(s.features());
        dup.add(s.features().get(0));
        return Stream.of(
                Arguments.of("id with capitals", with(set(0, "School1")), UclRules.INVALID_DATASET_ID),
                Arguments.of("id too short", with(set(0, "ab")), UclRules.INVALID_DATASET_ID),
                Arguments.of("id missing", with(set(0, null)), UclRules.INVALID_DATASET_ID),
                Arguments.of("id too long", with(set(0, "a".repeat(65))), UclRules.INVALID_DATASET_ID),
                Arguments.of("blank name", with(set(1, "  ")), UclRules.INVALID_NAME),
                Arguments.of("long name", with(set(1, "n".repeat(129))), UclRules.INVALID_NAME),
                Arguments.of("name with newline", with(set(1, "a\nb")), UclRules.INVALID_NAME),
                Arguments.of("long profile", with(set(2, "p".repeat(4097))), UclRules.INVALID_PROFILE),
                Arguments.of("profile with NUL", with(set(2, "a\u0000b")), UclRules.INVALID_PROFILE),
                Arguments.of("no schema", with(set(3, null)), UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "no features",
                        with(set(3, schemaWith(List.of(), s.label(), s.task()))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "duplicate feature",
                        with(set(3, schemaWith(dup, s.label(), s.task()))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "bad feature name",
                        with(set(
                                3,
                                schemaWith(List.of(new FeatureSpec("a b", FeatureType.NUMERIC)), s.label(), s.task()))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "categorical without categories",
                        with(set(3, withFeature(s, FeatureSpec.categorical("colour", List.of(), null)))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "category twice",
                        with(set(3, withFeature(s, FeatureSpec.categorical("colour", List.of("red", "red"), null)))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "numeric with categories",
                        with(set(
                                3,
                                withFeature(s, new FeatureSpec("colour", FeatureType.NUMERIC, List.of("red"), null)))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "mean of a category",
                        with(set(
                                3,
                                withFeature(s, FeatureSpec.categorical("colour", List.of("red"), MissingPolicy.MEAN)))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "most frequent number",
                        with(set(3, withFeature(s, FeatureSpec.numeric("age", MissingPolicy.MOST_FREQUENT)))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "one class",
                        with(set(3, schemaWith(s.features(), new LabelSpec("y", List.of("a")), Task.CLASSIFICATION))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "regression with classes",
                        with(set(3, schemaWith(s.features(), s.label(), Task.REGRESSION))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "label is a feature",
                        with(set(
                                3,
                                schemaWith(
                                        s.features(), new LabelSpec("f000", List.of("a", "b")), Task.CLASSIFICATION))),
                        UclRules.INVALID_SCHEMA),
                Arguments.of(
                        "zero records",
                        with(f -> {
                            f[4] = 0L;
                            f[6] = 0L;
                            return f;
                        }),
                        UclRules.INVALID_RECORD_COUNT),
                Arguments.of("uppercase root", with(set(5, "AB".repeat(32))), UclRules.INVALID_MERKLE_ROOT),
                Arguments.of("short root", with(set(5, "ab")), UclRules.INVALID_MERKLE_ROOT),
                Arguments.of("leaf count differs", with(set(6, 1199L)), UclRules.INVALID_LEAF_COUNT),
                Arguments.of("http address", with(set(7, "http://dc1.example.org")), UclRules.INVALID_ADDRESS),
                Arguments.of("address without host", with(set(7, "grpcs:///x")), UclRules.INVALID_ADDRESS),
                Arguments.of(
                        "address with credentials",
                        with(set(7, "grpcs://u:p@dc1.example.org")),
                        UclRules.INVALID_ADDRESS),
                Arguments.of("address not a URI", with(set(7, "grpcs://dc1 example")), UclRules.INVALID_ADDRESS),
                Arguments.of("no terms", with(set(8, null)), UclRules.INVALID_TERMS),
                Arguments.of("negative terms", with(set(8, new Terms(-1))), UclRules.INVALID_TERMS));
    }

    @Test
    void aWellFormedDraftPasses() {
        assertThatCode(() -> UclRules.validate(valid())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDrafts")
    void eachRuleHasItsCode(String why, UclDraft draft, String code) {
        assertThatThrownBy(() -> UclRules.validate(draft))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(code);
    }

    @Test
    void schemaHashIsStableAndSensitive() {
        assertThat(schema().hash()).isEqualTo(schema().hash()).hasSize(64);
        UclSchema other = new UclSchema(schema().features().subList(0, 179), schema().label(), Task.CLASSIFICATION);
        assertThat(other.hash()).isNotEqualTo(schema().hash());
    }

    @Test
    void tabularColumnsPassAndRoundTrip() {
        UclSchema tabular = withFeature(
                withFeature(schema(), FeatureSpec.numeric("age", MissingPolicy.MEAN)),
                FeatureSpec.categorical("ward", List.of("north", "south east"), MissingPolicy.MOST_FREQUENT));
        UclDraft draft = with(set(3, tabular));
        assertThatCode(() -> UclRules.validate(draft)).doesNotThrowAnyException();
        String json = CanonicalJson.write(tabular);
        assertThat(json).contains("\"categories\":[\"north\",\"south east\"]", "\"missing\":\"MEAN\"");
        assertThat(CanonicalJson.read(json, UclSchema.class)).isEqualTo(tabular);
    }

    @Test
    void aSchemaWithoutTabularFieldsKeepsItsCanonicalForm() {
        // UCLs registered before categories and missing policies existed must keep their schema hash.
        assertThat(CanonicalJson.write(new FeatureSpec("f000", FeatureType.NUMERIC)))
                .isEqualTo("{\"name\":\"f000\",\"type\":\"NUMERIC\"}");
        assertThat(FeatureSpec.numeric("f000", MissingPolicy.REFUSE))
                .isEqualTo(new FeatureSpec("f000", FeatureType.NUMERIC));
    }

    @Test
    void draftsRoundTripThroughCanonicalJson() {
        String json = CanonicalJson.write(valid());
        assertThat(CanonicalJson.read(json, UclDraft.class)).isEqualTo(valid());
        assertThat(CanonicalJson.write(CanonicalJson.read(json, UclDraft.class)))
                .isEqualTo(json);
    }
}
