package org.fdcfabric.learning.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskGuardTest {
    @Nested
    class Classes {
        @Test
        void aNumericLabelWithThousandsOfValuesIsRefusedWithTheRegressionHint() {
            List<String> prices =
                    IntStream.range(0, 3000).mapToObj(i -> (1000 + i) + ".5").toList();
            assertThatThrownBy(() -> TaskGuard.checkClasses("price", prices, 5000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("TOO_MANY_CLASSES: label 'price' has 3000 distinct values in 5000 rows")
                    .hasMessageContaining("at most 256 classes")
                    .hasMessageContaining("did you mean --task regression?");
        }

        @Test
        void moreThanOneClassPerTenRowsIsRefusedEvenUnderTheCap() {
            List<String> values =
                    IntStream.range(0, 40).mapToObj(Integer::toString).toList();
            assertThatThrownBy(() -> TaskGuard.checkClasses("y", values, 300))
                    .hasMessageContaining("one class per ten rows")
                    .hasMessageContaining("--task regression");
        }

        @Test
        void textCategoriesGetAnotherHint() {
            List<String> values =
                    IntStream.range(0, 300).mapToObj(i -> "town-" + i).toList();
            assertThatThrownBy(() -> TaskGuard.checkClasses("town", values, 100_000))
                    .hasMessageContaining("fewer categories")
                    .hasMessageNotContaining("regression");
        }

        @Test
        void plausibleClassCountsPass() {
            assertThatCode(() -> TaskGuard.checkClasses("species", List.of("a", "b", "c"), 30))
                    .doesNotThrowAnyException();
            // few classes are fine however few the rows
            assertThatCode(() -> TaskGuard.checkClasses(
                            "grade",
                            IntStream.range(0, 10).mapToObj(Integer::toString).toList(),
                            12))
                    .doesNotThrowAnyException();
            assertThatCode(() -> TaskGuard.checkClasses(
                            "zip",
                            IntStream.range(0, 256).mapToObj(Integer::toString).toList(),
                            2560))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class Targets {
        @Test
        void aTextTargetIsRefusedWithTheClassificationHint() {
            assertThatThrownBy(() -> TaskGuard.checkTarget("species", "setosa", 7))
                    .hasMessage("LABEL_NOT_NUMERIC: line 7: label 'species' is 'setosa', not a number; regression"
                            + " needs a numeric label. Did you mean --task classification?");
            assertThatThrownBy(() -> TaskGuard.checkTarget("y", "NaN", 2)).hasMessageContaining("LABEL_NOT_NUMERIC");
        }

        @Test
        void numbersPass() {
            assertThatCode(() -> TaskGuard.checkTarget("y", " -1.5e3 ", 2)).doesNotThrowAnyException();
        }
    }
}
