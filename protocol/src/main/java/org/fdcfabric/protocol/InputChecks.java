package org.fdcfabric.protocol;

import java.util.regex.Pattern;

/** Small guards that turn a broken rule into an {@link InvalidInputException} with a stable code. */
public final class InputChecks {
    /** Organisation MSP ids as Fabric allows them in practice. */
    public static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private InputChecks() {}

    public static void require(boolean condition, String code, String message) {
        if (!condition) {
            throw new InvalidInputException(code, message);
        }
    }

    public static <T> T present(T value, String code, String field) {
        require(value != null, code, field + " is required");
        return value;
    }

    public static String matches(String value, Pattern pattern, String code, String field) {
        present(value, code, field);
        require(pattern.matcher(value).matches(), code, field + " must match " + pattern.pattern());
        return value;
    }

    /** Text of bounded length without control characters (tab and newline allowed when {@code multiline}). */
    public static String text(String value, int maxLength, boolean multiline, String code, String field) {
        present(value, code, field);
        require(!value.isBlank(), code, field + " must not be blank");
        require(
                value.length() <= maxLength,
                code,
                field + " is " + value.length() + " characters; the limit is " + maxLength);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedControl = multiline && (c == '\n' || c == '\t');
            require(!Character.isISOControl(c) || allowedControl, code, field + " contains a control character");
        }
        return value;
    }

    public static long inRange(long value, long min, long max, String code, String field) {
        require(value >= min && value <= max, code, field + " must be in [" + min + ", " + max + "], was " + value);
        return value;
    }
}
