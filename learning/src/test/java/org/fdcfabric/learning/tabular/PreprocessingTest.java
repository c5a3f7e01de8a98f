package org.fdcfabric.learning.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fdcfabric.learning.training.DatasetSchema;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.InputTransform;
import org.fdcfabric.protocol.ucl.InputTransform.ColumnTransform;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.MissingPolicy;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    private static final float NA = Float.NaN;
    private static final UclSchema SCHEMA = new UclSchema(
            List.of(
                    FeatureSpec.numeric("age", MissingPolicy.MEAN),
                    new FeatureSpec("const", FeatureType.NUMERIC),
                    FeatureSpec.categorical("region", List.of("north", "south", "west"), MissingPolicy.MOST_FREQUENT)),
            new LabelSpec("y", List.of("a", "b")),
            Task.CLASSIFICATION);

    /** Two centers' training rows: age 20, -, 40, 30; const 5 everywhere; region north, south, -, south. */
    private static final TabularRows CENTER_A = TabularRows.builder(SCHEMA)
            .add(new float[] {20, 5, 0}, 0)
            .add(new float[] {NA, 5, 1}, 1)
            .build();

    private static final TabularRows CENTER_B = TabularRows.builder(SCHEMA)
            .add(new float[] {40, 5, NA}, 0)
            .add(new float[] {30, 5, 1}, 1)
            .build();

    private static ColumnStatistics jobStatistics() {
        return ColumnStatistics.of(CENTER_A).plus(ColumnStatistics.of(CENTER_B));
    }

    @Nested
    class Statistics {
        @Test
        void countsSumsAndCategoriesAddUpAcrossCenters() {
            ColumnStatistics sum = jobStatistics();
            assertThat(sum.rows()).isEqualTo(4);
            assertThat(sum.count(0)).isEqualTo(3);
            assertThat(sum.sum(0)).isEqualTo(90);
            assertThat(sum.sumOfSquares(0)).isEqualTo(400 + 1600 + 900);
            assertThat(sum.missing(0)).isEqualTo(1);
            assertThat(sum.count(1)).isEqualTo(4);
            assertThat(sum.sum(1)).isEqualTo(20);
            assertThat(sum.missing(2)).isEqualTo(1);
            assertThat(sum.categoryCount(2, 0)).isEqualTo(1);
            assertThat(sum.categoryCount(2, 1)).isEqualTo(2);
            assertThat(sum.categoryCount(2, 2)).isZero();
            // the vector: rows | age count, sum, squares, missing | const ... | region missing, north, south, west
            assertThat(sum.toVector()).containsExactly(4, 3, 90, 2900, 1, 4, 20, 100, 0, 1, 1, 2, 0);
        }

        @Test
        void roundTripsThroughItsVectorAndRefusesABadOne() {
            ColumnStatistics sum = jobStatistics();
            assertThat(ColumnStatistics.fromVector(SCHEMA, sum.toVector())).isEqualTo(sum);
            assertThatThrownBy(() -> ColumnStatistics.fromVector(SCHEMA, new double[3]))
                    .hasMessageContaining("statistics have 3 values; the schema needs 13");
            double[] negative = sum.toVector();
            negative[9] = -1;
            assertThatThrownBy(() -> ColumnStatistics.fromVector(SCHEMA, negative))
                    .hasMessageContaining("not a whole number >= 0");
            double[] fractional = sum.toVector();
            fractional[0] = 2.5;
            assertThatThrownBy(() -> ColumnStatistics.fromVector(SCHEMA, fractional))
                    .hasMessageContaining("rows");
        }
    }

    @Nested
    class Fit {
        @Test
        void imputesStandardizesAndEncodesWithHandComputedValues() {
            Preprocessing pre = Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.STANDARDIZE);
            // age: mean 90/3 = 30, population variance 2900/3 - 30^2 = 66.666..., std 8.16496580927726
            ColumnTransform age = pre.transform().columns().get(0);
            assertThat(age.fill()).isEqualTo("30");
            assertThat(age.center()).isEqualTo("30");
            assertThat(Double.parseDouble(age.scale())).isCloseTo(8.16496580927726, within(1e-12));
            // const: variance 0, centred only
            assertThat(pre.transform().columns().get(1)).isEqualTo(new ColumnTransform("const", null, "5", "1"));
            // region: south is the most frequent
            assertThat(pre.transform().columns().get(2)).isEqualTo(new ColumnTransform("region", "south", null, null));

            assertThat(pre.inputSchema().featureNames())
                    .containsExactly("age", "const", "region:0", "region:1", "region:2");
            LocalDataset a = pre.apply(CENTER_A);
            assertThat(a.row(0)).containsExactly(new float[] {-1.2247449f, 0, 1, 0, 0}, within(1e-6f));
            assertThat(a.row(1)).containsExactly(0, 0, 0, 1, 0); // age imputed to the mean, standardized to 0
            assertThat(a.classIndex(1)).isEqualTo(1);
            LocalDataset b = pre.apply(CENTER_B);
            assertThat(b.row(0)).containsExactly(new float[] {1.2247449f, 0, 0, 1, 0}, within(1e-6f));
        }

        @Test
        void oneRowWithoutALabelBecomesWhatApplyMakesOfIt() {
            Preprocessing pre = Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.STANDARDIZE);
            assertThat(pre.inputs(new float[] {20, 5, 0}))
                    .containsExactly(new float[] {-1.2247449f, 0, 1, 0, 0}, within(1e-6f));
            for (int i = 0; i < CENTER_B.size(); i++) {
                assertThat(pre.inputs(CENTER_B.row(i)))
                        .containsExactly(pre.apply(CENTER_B).row(i));
            }
            assertThatThrownBy(() -> pre.inputs(new float[] {20, 5}))
                    .hasMessageContaining("row has 2 cells; the transform's schema has 3 columns");
        }

        @Test
        void withoutScalingOnlyImputesAndEncodes() {
            Preprocessing pre = Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.NONE);
            assertThat(pre.transform().columns().get(0)).isEqualTo(new ColumnTransform("age", "30", "0", "1"));
            assertThat(pre.apply(CENTER_A).row(1)).containsExactly(30, 5, 0, 1, 0);
        }

        @Test
        void aColumnWithNoValueAnywhereCannotBeImputed() {
            TabularRows empty =
                    TabularRows.builder(SCHEMA).add(new float[] {NA, 5, 0}, 0).build();
            assertThatThrownBy(() -> Preprocessing.fit(SCHEMA, ColumnStatistics.of(empty), Scaling.NONE))
                    .hasMessageContaining("column age has no value in any center");
        }

        @Test
        void aMissingCellInARefusingColumnNamesItsRow() {
            UclSchema strict = new UclSchema(
                    List.of(new FeatureSpec("x", FeatureType.NUMERIC)), new LabelSpec("t", List.of()), Task.REGRESSION);
            TabularRows good =
                    TabularRows.builder(strict).add(new float[] {2}, 1.5).build();
            Preprocessing pre = Preprocessing.fit(strict, ColumnStatistics.of(good), Scaling.STANDARDIZE);
            TabularRows bad = TabularRows.builder(strict)
                    .add(new float[] {2}, 1)
                    .add(new float[] {NA}, 1)
                    .build();
            assertThatThrownBy(() -> pre.apply(bad))
                    .hasMessage("row 2: x is missing and the schema refuses missing values there");
            // a constant target is only centred, and maps back to itself
            assertThat(pre.apply(good).target(0)).isZero();
            assertThat(pre.targetScale().toTarget(pre.apply(good).target(0))).isEqualTo(1.5);
        }

        @Test
        void anAllNumericSchemaKeepsItsHashAsTheModelsInputSchema() {
            DatasetSchema windows = new DatasetSchema(
                    List.of("f000", "f001"), "activity", List.of("rest", "walk"), Task.CLASSIFICATION);
            assertThat(Preprocessing.inputSchema(windows.toUcl()).hash()).isEqualTo(windows.hash());
        }

        @Test
        void namesOfManyCategoriesArePaddedSoTheirOrderIsTheVocabularys() {
            List<String> vocabulary = java.util.stream.IntStream.range(0, 12)
                    .mapToObj(i -> "c" + i)
                    .toList();
            UclSchema schema = new UclSchema(
                    List.of(FeatureSpec.categorical("k", vocabulary, null)),
                    new LabelSpec("t", List.of()),
                    Task.REGRESSION);
            DatasetSchema inputs = Preprocessing.inputSchema(schema);
            assertThat(inputs.columnOrder()).isEqualTo(inputs.featureNames());
            assertThat(inputs.featureNames()).startsWith("k:00", "k:01").endsWith("k:11");
        }
    }

    @Nested
    class Transform {
        @Test
        void serialisesCanonicallyAndReadsBackToTheSamePreprocessing() {
            Preprocessing pre = Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.STANDARDIZE);
            String json = pre.transform().toJson();
            Preprocessing back = Preprocessing.of(InputTransform.read(json));
            assertThat(back.hash()).isEqualTo(pre.hash()).matches("[0-9a-f]{64}");
            assertThat(back.apply(CENTER_B).row(0))
                    .containsExactly(pre.apply(CENTER_B).row(0));
            assertThat(json).doesNotContain("E-").contains("\"scaling\":\"STANDARDIZE\"");
        }

        @Test
        void decimalsParseBackToTheSameDouble() {
            for (double d : new double[] {0.1, 1.0 / 3, 8.16496580927726, 1e-300, 6.02e23, -42}) {
                assertThat(Double.parseDouble(Preprocessing.decimal(d))).isEqualTo(d);
            }
        }

        @Test
        void refusesATransformThatDoesNotFitItsSchema() {
            InputTransform good = Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.STANDARDIZE)
                    .transform();
            List<ColumnTransform> columns = new java.util.ArrayList<>(good.columns());
            columns.set(2, new ColumnTransform("region", "east", null, null));
            assertThatThrownBy(() -> Preprocessing.of(new InputTransform(SCHEMA, Scaling.STANDARDIZE, columns)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("region fills with a category outside its vocabulary");
            columns.set(2, good.columns().get(2));
            columns.set(0, new ColumnTransform("age", "30", "30", "0"));
            assertThatThrownBy(() -> Preprocessing.of(new InputTransform(SCHEMA, Scaling.STANDARDIZE, columns)))
                    .hasMessageContaining("age's scale must be positive");
            assertThatThrownBy(() -> InputTransform.read("{\"scaling\":\"NONE\"}"))
                    .hasMessageContaining("INVALID_PREPROCESSING");
        }
    }

    @Nested
    class RegressionTarget {
        private static final UclSchema REGRESSION = new UclSchema(
                List.of(new FeatureSpec("x", FeatureType.NUMERIC)), new LabelSpec("price", List.of()), Task.REGRESSION);

        /** Targets 100, 200 (center A) and 300, 400 (center B): mean 250, population deviation sqrt(12500). */
        private final TabularRows a = TabularRows.builder(REGRESSION)
                .add(new float[] {1}, 100)
                .add(new float[] {2}, 200)
                .build();

        private final TabularRows b = TabularRows.builder(REGRESSION)
                .add(new float[] {3}, 300)
                .add(new float[] {4}, 400)
                .build();

        @Test
        void targetSumsAddUpAcrossCentersAfterTheFeatures() {
            ColumnStatistics sum = ColumnStatistics.of(a).plus(ColumnStatistics.of(b));
            assertThat(sum.targetSum()).isEqualTo(1000);
            assertThat(sum.targetSumOfSquares()).isEqualTo(10000 + 40000 + 90000 + 160000);
            // rows | x count, sum, squares, missing | target sum, squares
            assertThat(sum.toVector()).containsExactly(4, 4, 10, 30, 0, 1000, 300000);
            assertThat(ColumnStatistics.fromVector(REGRESSION, sum.toVector())).isEqualTo(sum);
            assertThatThrownBy(() -> ColumnStatistics.of(CENTER_A).targetSum())
                    .hasMessageContaining("no target statistics");
        }

        @Test
        void standardizedWithTheFeaturesRecordedInTheTransformAndMappedBackForMetrics() {
            Preprocessing pre = Preprocessing.fit(
                    REGRESSION, ColumnStatistics.of(a).plus(ColumnStatistics.of(b)), Scaling.STANDARDIZE);
            assertThat(pre.transform().target())
                    .isEqualTo(new ColumnTransform("price", null, "250", Preprocessing.decimal(Math.sqrt(12500))));
            LocalDataset data = pre.apply(b);
            assertThat(data.target(0)).isCloseTo(50 / Math.sqrt(12500), within(1e-12));
            assertThat(data.targetScale().toTarget(data.target(1))).isCloseTo(400, within(1e-9));
            InputTransform back = InputTransform.read(pre.transform().toJson());
            assertThat(back).isEqualTo(pre.transform());
            assertThat(pre.transform().toJson()).contains("\"target\":{\"center\":\"250\"");
        }

        @Test
        void leftAsItIsWithoutScalingAndNeverForAClassLabel() {
            Preprocessing none =
                    Preprocessing.fit(REGRESSION, ColumnStatistics.of(a).plus(ColumnStatistics.of(b)), Scaling.NONE);
            assertThat(none.transform().target()).isNull();
            assertThat(none.transform().toJson()).doesNotContain("target");
            assertThat(none.apply(a).target(1)).isEqualTo(200);
            assertThat(Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.STANDARDIZE)
                            .transform()
                            .target())
                    .isNull();
            InputTransform classification = Preprocessing.fit(SCHEMA, jobStatistics(), Scaling.STANDARDIZE)
                    .transform();
            assertThatThrownBy(() -> new InputTransform(
                                    SCHEMA,
                                    Scaling.STANDARDIZE,
                                    classification.columns(),
                                    new ColumnTransform("y", null, "0", "1"))
                            .validate())
                    .hasMessageContaining("only a regression target is standardized");
            assertThatThrownBy(() -> new InputTransform(
                                    REGRESSION,
                                    Scaling.STANDARDIZE,
                                    none.transform().columns(),
                                    new ColumnTransform("price", null, "250", "0"))
                            .validate())
                    .hasMessageContaining("price's scale must be positive");
        }
    }
}
