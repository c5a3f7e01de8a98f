package org.fdcfabric.datacenter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.datacenter.governance.AccelerationReading;
import org.fdcfabric.datacenter.governance.Activity;
import org.fdcfabric.datacenter.governance.ActivityLogEntry;
import org.fdcfabric.datacenter.governance.LabelledWindow;
import org.fdcfabric.datacenter.governance.Windower;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WearableSimulatorTest {
    private static final SchoolProfile SCHOOL = new SchoolProfile("s1", 2, 1, 1.0, 0, 1.0, 120);

    @Nested
    class Simulate {
        @Test
        void emitsOneReadingPerSecondPerChildWithinTheDeviceRange() {
            SimulatedSchool school = new WearableSimulator(1).simulate(SCHOOL);
            assertThat(school.subjectIds()).containsExactly("s1-child01", "s1-child02");
            assertThat(school.readings()).hasSize(2 * 530 * 60);
            assertThat(school.readings())
                    .allSatisfy(r -> assertThat(Math.abs(r.x()) + Math.abs(r.y()) + Math.abs(r.z()))
                            .isLessThanOrEqualTo(24));
            assertThat(school.readings().get(0).epochSecond()).isEqualTo(WearableSimulator.FDC_START_EPOCH_SECOND);
        }

        @Test
        void logsFdcScheduleWithAllFourActivities() {
            List<ActivityLogEntry> log =
                    new WearableSimulator(1).simulate(SCHOOL).log();
            assertThat(log).extracting(ActivityLogEntry::activity).contains(Activity.values());
            assertThat(log).hasSize(2 * 8);
        }

        @Test
        void sameSeedSameReadingsOtherSeedOtherReadings() {
            List<AccelerationReading> a =
                    new WearableSimulator(42).simulate(SCHOOL).readings();
            List<AccelerationReading> b =
                    new WearableSimulator(42).simulate(SCHOOL).readings();
            List<AccelerationReading> c =
                    new WearableSimulator(43).simulate(SCHOOL).readings();
            assertThat(a).isEqualTo(b);
            assertThat(a).isNotEqualTo(c);
        }

        @Test
        void activitiesDifferInMovementIntensity() {
            SimulatedSchool school = new WearableSimulator(5).simulate(SCHOOL);
            List<LabelledWindow> windows = Windower.fdc().windows(school.readings(), school.log());
            Map<Activity, Double> spread = new EnumMap<>(Activity.class);
            for (Activity activity : Activity.values()) {
                spread.put(
                        activity,
                        windows.stream()
                                .filter(w -> w.activity() == activity)
                                .mapToDouble(w -> jitter(w.features()))
                                .average()
                                .orElseThrow());
            }
            assertThat(spread.get(Activity.SLEEPING)).isLessThan(spread.get(Activity.EATING));
            assertThat(spread.get(Activity.EATING)).isLessThan(spread.get(Activity.OUTDOOR));
        }

        @Test
        void schoolsAreHeterogeneous() {
            List<SchoolProfile> schools = WearableSimulator.fdcSchools(3, 1);
            WearableSimulator simulator = new WearableSimulator(9);
            double meanA = meanY(simulator.simulate(schools.get(0)));
            double meanD = meanY(simulator.simulate(schools.get(3)));
            assertThat(Math.abs(meanA - meanD)).isGreaterThan(0.05);
            long outdoorA = outdoorEntries(simulator.simulate(schools.get(0)));
            long outdoorE = outdoorEntries(simulator.simulate(schools.get(4)));
            assertThat(outdoorA).isGreaterThan(outdoorE);
        }
    }

    @Nested
    class Profiles {
        @Test
        void rejectsNonsense() {
            assertThatThrownBy(() -> new SchoolProfile("bad id!", 1, 1, 1, 0, 1, 120))
                    .hasMessageContaining("schoolId");
            assertThatThrownBy(() -> new SchoolProfile("s", 0, 1, 1, 0, 1, 120)).hasMessageContaining("subjects");
            assertThatThrownBy(() -> new SchoolProfile("s", 1, 1, 1, 0, 1.5, 120))
                    .hasMessageContaining("outdoorShare");
        }
    }

    private static double meanY(SimulatedSchool school) {
        return school.readings().stream()
                .mapToDouble(AccelerationReading::y)
                .average()
                .orElseThrow();
    }

    private static long outdoorEntries(SimulatedSchool school) {
        return school.log().stream()
                .filter(e -> e.activity() == Activity.OUTDOOR)
                .count();
    }

    /** Mean absolute change of each axis from one second to the next. */
    private static double jitter(double[] v) {
        double sum = 0;
        for (int i = 3; i < v.length; i++) {
            sum += Math.abs(v[i] - v[i - 3]);
        }
        return sum / (v.length - 3);
    }
}
