package org.fdcfabric.datacenter.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WindowerTest {
    private static List<AccelerationReading> seconds(String subject, long from, long to) {
        List<AccelerationReading> readings = new ArrayList<>();
        for (long t = from; t < to; t++) {
            readings.add(new AccelerationReading(subject, t, t, -t, 2 * t));
        }
        return readings;
    }

    @Nested
    class FeatureNames {
        @Test
        void fdcHas180NamesInVectorOrderThatSortLexicographically() {
            List<String> names = Windower.fdc().featureNames();
            assertThat(names).hasSize(180).doesNotHaveDuplicates();
            assertThat(names.subList(0, 4)).containsExactly("s00_x", "s00_y", "s00_z", "s01_x");
            assertThat(names.get(179)).isEqualTo("s59_z");
            assertThat(names).isSorted();
        }

        @Test
        void paddingGrowsWithTheWindow() {
            List<String> names = new Windower(120).featureNames();
            assertThat(names.get(0)).isEqualTo("s000_x");
            assertThat(names).isSorted();
        }
    }

    @Nested
    class Windows {
        @Test
        void cutsAlignedNonOverlappingWindowsInsideEachEntryAndDropsTheTail() {
            List<AccelerationReading> readings = seconds("c1", 0, 400);
            List<ActivityLogEntry> log = List.of(
                    new ActivityLogEntry("c1", 10, 150, Activity.EATING),
                    new ActivityLogEntry("c1", 200, 260, Activity.OUTDOOR));

            List<LabelledWindow> windows = Windower.fdc().windows(readings, log);

            assertThat(windows).extracting(LabelledWindow::startEpochSecond).containsExactly(10L, 70L, 200L);
            assertThat(windows)
                    .extracting(LabelledWindow::activity)
                    .containsExactly(Activity.EATING, Activity.EATING, Activity.OUTDOOR);
            double[] first = windows.get(0).features();
            assertThat(first).hasSize(180);
            assertThat(first[0]).isEqualTo(10.0);
            assertThat(first[1]).isEqualTo(-10.0);
            assertThat(first[2]).isEqualTo(20.0);
            assertThat(first[177]).isEqualTo(69.0);
        }

        @Test
        void averagesSeveralReadingsOfOneSecond() {
            List<AccelerationReading> readings = new ArrayList<>(seconds("c1", 0, 2));
            readings.add(new AccelerationReading("c1", 0, 3, 1, 2));
            List<LabelledWindow> windows =
                    new Windower(2).windows(readings, List.of(new ActivityLogEntry("c1", 0, 2, Activity.SLEEPING)));
            assertThat(windows.get(0).features()).containsExactly(1.5, 0.5, 1.0, 1, -1, 2);
        }

        @Test
        void dropsWindowsWithAMissingSecondAndUnloggedSeconds() {
            List<AccelerationReading> readings = new ArrayList<>(seconds("c1", 0, 300));
            readings.removeIf(r -> r.epochSecond() == 90);
            List<LabelledWindow> windows =
                    Windower.fdc().windows(readings, List.of(new ActivityLogEntry("c1", 60, 240, Activity.INDOOR)));
            assertThat(windows).extracting(LabelledWindow::startEpochSecond).containsExactly(120L, 180L);
        }

        @Test
        void resultDoesNotDependOnInputOrder() {
            List<AccelerationReading> readings = new ArrayList<>(seconds("b", 0, 200));
            readings.addAll(seconds("a", 0, 200));
            List<ActivityLogEntry> log = new ArrayList<>(List.of(
                    new ActivityLogEntry("b", 0, 120, Activity.EATING),
                    new ActivityLogEntry("a", 0, 60, Activity.SLEEPING)));
            List<LabelledWindow> ordered = Windower.fdc().windows(readings, log);
            java.util.Collections.shuffle(readings, new Random(7));
            java.util.Collections.reverse(log);
            List<LabelledWindow> shuffled = Windower.fdc().windows(readings, log);
            assertThat(shuffled).usingRecursiveFieldByFieldElementComparator().isEqualTo(ordered);
            assertThat(ordered).extracting(LabelledWindow::subjectId).containsExactly("a", "b", "b");
        }

        @Test
        void rejectsOverlappingEntriesOfOneSubject() {
            List<ActivityLogEntry> log = List.of(
                    new ActivityLogEntry("c1", 0, 120, Activity.EATING),
                    new ActivityLogEntry("c1", 100, 200, Activity.INDOOR));
            assertThatThrownBy(() -> Windower.fdc().windows(seconds("c1", 0, 200), log))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlap");
        }

        @Test
        void rejectsNonFiniteReadings() {
            List<AccelerationReading> readings = List.of(new AccelerationReading("c1", 0, Double.NaN, 0, 0));
            assertThatThrownBy(() -> new Windower(1)
                            .windows(readings, List.of(new ActivityLogEntry("c1", 0, 1, Activity.EATING))))
                    .hasMessageContaining("not finite");
        }

        @Test
        void rejectsEntriesThatEndBeforeTheyStart() {
            assertThatThrownBy(() -> new ActivityLogEntry("c1", 5, 5, Activity.EATING))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
