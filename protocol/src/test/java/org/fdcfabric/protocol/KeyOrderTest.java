package org.fdcfabric.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    @Test
    void agreesWithUnsignedUtf8ByteOrderOnRandomKeys() {
        SplittableRandom random = new SplittableRandom(42);
        int[] interesting = {0x00, 0x01, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
        for (int round = 0; round < 5_000; round++) {
            String a = randomKey(random, interesting);
            String b = randomKey(random, interesting);
            int expected = Integer.signum(
                    Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(KeyOrder.compare(a, b)))
                    .as("%s vs %s", a, b)
                    .isEqualTo(expected);
        }
    }

    @Test
    void detectsUnpairedSurrogates() {
        assertThat(KeyOrder.isValidUtf8("ok" + new String(Character.toChars(0x1F600))))
                .isTrue();
        assertThat(KeyOrder.isValidUtf8("bad\uD800")).isFalse();
        assertThat(KeyOrder.isValidUtf8("bad\uDC00x")).isFalse();
    }

    private static String randomKey(SplittableRandom random, int[] interesting) {
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            int codePoint =
                    random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(0x110000);
            if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                codePoint = 0xE000;
            }
            key.appendCodePoint(codePoint);
        }
        return key.toString();
    }
}
