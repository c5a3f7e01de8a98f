package org.fdcfabric.datacenter.simulator;

import java.util.Objects;

/**
 * How one school (one private data center) differs from the others, which is what makes the federation non-IID.
 *
 * @param schoolId short id, used as the prefix of its subjects' ids
 * @param subjects number of children wearing a device
 * @param days school days recorded per child
 * @param deviceGain the school's devices' sensitivity (1 = calibrated)
 * @param orientationDegrees how the school's devices sit on the wrist: a rotation of the sensor axes
 * @param outdoorShare fraction of the day's two outdoor slots actually spent outdoors (the rest indoors, e.g. a
 *     school without a playground)
 * @param napMinutes length of the afternoon nap (FDC: 120)
 */
public record SchoolProfile(
        String schoolId,
        int subjects,
        int days,
        double deviceGain,
        double orientationDegrees,
        double outdoorShare,
        int napMinutes) {
    public SchoolProfile {
        Objects.requireNonNull(schoolId, "schoolId");
        if (!schoolId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("schoolId must be 1-32 letters, digits, _ or -: " + schoolId);
        }
        if (subjects < 1 || subjects > 10_000) {
            throw new IllegalArgumentException("subjects must be in 1..10000, was " + subjects);
        }
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("days must be in 1..365, was " + days);
        }
        if (!(deviceGain > 0.1 && deviceGain < 10)) {
            throw new IllegalArgumentException("deviceGain must be in (0.1, 10), was " + deviceGain);
        }
        if (!(outdoorShare >= 0 && outdoorShare <= 1)) {
            throw new IllegalArgumentException("outdoorShare must be in [0, 1], was " + outdoorShare);
        }
        if (napMinutes < 0 || napMinutes > 150) {
            throw new IllegalArgumentException("napMinutes must be in 0..150, was " + napMinutes);
        }
    }
}
