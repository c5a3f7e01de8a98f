package org.fdcfabric.datacenter.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fdcfabric.datacenter.governance.AccelerationReading;
import org.fdcfabric.datacenter.governance.Activity;
import org.fdcfabric.datacenter.governance.ActivityLogEntry;

/**
 * Simulates FDC's case study: kindergarten children wearing tri-axial accelerometers while teachers log the day
 * (FDC Table II). Emits raw per-second readings in g (clamped to the device's +-8 g) and the activity log.
 *
 * <p>Each activity has a posture (where gravity points) and a movement process (AR(1) noise plus bursts) whose
 * intensity overlaps with its neighbours', so windows are not trivially separable. Each child has its own
 * intensity and posture offset; each school its device gain, sensor orientation and schedule ({@link
 * SchoolProfile}). Everything is derived from the seed: the same seed gives the same readings.
 */
public final class WearableSimulator {
    /** 2019-09-04 08:00 in Beijing (UTC+8), FDC's start time. */
    public static final long FDC_START_EPOCH_SECOND = 1_567_555_200L;

    private static final long DAY_SECONDS = 86_400L;
    private static final double RANGE_G = 8.0;

    /** FDC Table II as minutes after 08:00; teaching (08:20-09:45) and gaps are unlabelled. */
    private record Slot(int startMinute, int endMinute, Activity activity, boolean outdoorSlot) {}

    private static final List<Slot> FDC_SCHEDULE = List.of(
            new Slot(0, 20, Activity.EATING, false),
            new Slot(105, 120, Activity.INDOOR, false),
            new Slot(130, 180, Activity.OUTDOOR, true),
            new Slot(180, 210, Activity.INDOOR, false),
            new Slot(210, 240, Activity.EATING, false),
            new Slot(240, 360, Activity.SLEEPING, false),
            new Slot(390, 490, Activity.OUTDOOR, true),
            new Slot(490, 530, Activity.EATING, false));

    private static final int DAY_MINUTES = 530;

    private final long seed;

    public WearableSimulator(long seed) {
        this.seed = seed;
    }

    /**
     * FDC's setting: five schools with {@code subjectsPerSchool} children each, differing in device gain,
     * orientation and schedule.
     */
    public static List<SchoolProfile> fdcSchools(int subjectsPerSchool, int days) {
        return List.of(
                new SchoolProfile("school-a", subjectsPerSchool, days, 1.00, 0, 1.0, 120),
                new SchoolProfile("school-b", subjectsPerSchool, days, 1.15, 20, 0.8, 110),
                new SchoolProfile("school-c", subjectsPerSchool, days, 0.85, -25, 0.6, 120),
                new SchoolProfile("school-d", subjectsPerSchool, days, 1.10, 35, 1.0, 90),
                new SchoolProfile("school-e", subjectsPerSchool, days, 0.92, -10, 0.4, 100));
    }

    /** Simulates one school; the stream is seeded by this simulator's seed and the school id. */
    public SimulatedSchool simulate(SchoolProfile school) {
        SplittableRandom random =
                new SplittableRandom(seed ^ mix(school.schoolId().hashCode()));
        double[][] rotation = rotation(Math.toRadians(school.orientationDegrees()));
        List<String> subjects = new ArrayList<>();
        List<AccelerationReading> readings = new ArrayList<>();
        List<ActivityLogEntry> log = new ArrayList<>();
        for (int s = 0; s < school.subjects(); s++) {
            String subjectId = String.format("%s-child%02d", school.schoolId(), s + 1);
            subjects.add(subjectId);
            Child child = new Child(
                    0.75 + 0.5 * random.nextDouble(), 0.15 * random.nextGaussian(), 0.15 * random.nextGaussian());
            for (int day = 0; day < school.days(); day++) {
                long dayStart = FDC_START_EPOCH_SECOND + day * DAY_SECONDS;
                List<ActivityLogEntry> dayLog = daySchedule(school, subjectId, dayStart, random);
                log.addAll(dayLog);
                simulateDay(subjectId, dayStart, dayLog, child, school.deviceGain(), rotation, random, readings);
            }
        }
        return new SimulatedSchool(school, subjects, readings, log);
    }

    private record Child(double intensity, double postureX, double postureY) {}

    private static List<ActivityLogEntry> daySchedule(
            SchoolProfile school, String subjectId, long dayStart, SplittableRandom random) {
        List<ActivityLogEntry> log = new ArrayList<>();
        for (Slot slot : FDC_SCHEDULE) {
            int end = slot.endMinute();
            if (slot.activity() == Activity.SLEEPING) {
                end = slot.startMinute() + school.napMinutes();
            }
            if (end <= slot.startMinute()) {
                continue;
            }
            Activity activity = slot.activity();
            if (slot.outdoorSlot() && random.nextDouble() >= school.outdoorShare()) {
                activity = Activity.INDOOR;
            }
            log.add(new ActivityLogEntry(
                    subjectId, dayStart + slot.startMinute() * 60L, dayStart + end * 60L, activity));
        }
        return log;
    }

    private static void simulateDay(
            String subjectId,
            long dayStart,
            List<ActivityLogEntry> log,
            Child child,
            double gain,
            double[][] rotation,
            SplittableRandom random,
            List<AccelerationReading> out) {
        double[] movement = new double[3];
        int entry = 0;
        for (long t = dayStart; t < dayStart + DAY_MINUTES * 60L; t++) {
            while (entry < log.size() && log.get(entry).endEpochSecond() <= t) {
                entry++;
            }
            Activity activity = entry < log.size() && log.get(entry).startEpochSecond() <= t
                    ? log.get(entry).activity()
                    : null;
            Motion motion = Motion.of(activity);
            double[] body = new double[3];
            for (int axis = 0; axis < 3; axis++) {
                movement[axis] = motion.persistence() * movement[axis]
                        + motion.noise() * child.intensity() * random.nextGaussian();
                body[axis] = motion.posture()[axis] + movement[axis];
            }
            if (random.nextDouble() < motion.burstChance()) {
                double burst = motion.burst() * child.intensity() * (0.5 + random.nextDouble());
                body[random.nextInt(3)] += random.nextBoolean() ? burst : -burst;
            }
            body[0] += child.postureX();
            body[1] += child.postureY();
            double[] sensed = apply(rotation, body);
            out.add(new AccelerationReading(
                    subjectId, t, clamp(gain * sensed[0]), clamp(gain * sensed[1]), clamp(gain * sensed[2])));
        }
    }

    /** Gravity direction and movement statistics of each activity, in the body frame, in g. */
    private record Motion(double[] posture, double noise, double persistence, double burstChance, double burst) {
        static Motion of(Activity activity) {
            if (activity == null) { // teaching: sitting, occasionally moving
                return new Motion(new double[] {0.1, 0.15, 0.95}, 0.10, 0.6, 0.05, 0.5);
            }
            return switch (activity) {
                case SLEEPING -> new Motion(new double[] {0.9, 0.2, 0.3}, 0.03, 0.9, 0.01, 0.4);
                case EATING -> new Motion(new double[] {0.2, 0.3, 0.9}, 0.12, 0.5, 0.10, 0.5);
                case INDOOR -> new Motion(new double[] {0.1, 0.2, 0.95}, 0.22, 0.5, 0.15, 0.8);
                case OUTDOOR -> new Motion(new double[] {0.05, 0.1, 1.0}, 0.35, 0.4, 0.25, 1.2);
            };
        }
    }

    /** Rotation about the forearm (x) axis by the angle, then about z by half of it. */
    private static double[][] rotation(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] rx = {{1, 0, 0}, {0, c, -s}, {0, s, c}};
        double c2 = Math.cos(angle / 2);
        double s2 = Math.sin(angle / 2);
        double[][] rz = {{c2, -s2, 0}, {s2, c2, 0}, {0, 0, 1}};
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += rz[i][k] * rx[k][j];
                }
            }
        }
        return r;
    }

    private static double[] apply(double[][] r, double[] v) {
        return new double[] {
            r[0][0] * v[0] + r[0][1] * v[1] + r[0][2] * v[2],
            r[1][0] * v[0] + r[1][1] * v[1] + r[1][2] * v[2],
            r[2][0] * v[0] + r[2][1] * v[1] + r[2][2] * v[2]
        };
    }

    private static double clamp(double g) {
        return Math.max(-RANGE_G, Math.min(RANGE_G, g));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
