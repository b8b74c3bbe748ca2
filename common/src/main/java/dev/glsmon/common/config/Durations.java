package dev.glsmon.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every glsmon program, option, environment variable and scenario file:
 * <ul>
 *   <li>a number with a unit: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 10m}, {@code 1h},
 *       {@code 1d} (units ms, s, m, h, d; any case; a space before the unit is allowed);
 *   <li>ISO-8601: {@code PT30S}, {@code PT0.5S}, {@code P1D} (any case).
 * </ul>
 * A bare number is refused: whether {@code 500} means milliseconds or seconds is a guess, and a wrong
 * guess is a thousandfold. Negative durations are refused. Fractions are rounded to the millisecond.
 */
public final class Durations {

    /** What every error message shows. */
    public static final String FORMS = "500ms, 2s, 1.5s, 10m, 1h, 1d or ISO-8601 such as PT30S";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {}

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty duration: use e.g. " + FORMS);
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = WITH_UNIT.matcher(value);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 86_400_000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
        if (BARE_NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no unit: write e.g. " + value + "s or " + value
                    + "ms (" + FORMS + ")");
        }
        Duration parsed;
        try {
            parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. " + FORMS);
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative: a duration here is 0 or more");
        }
        return parsed;
    }

    /** The shortest form {@link #parse} reads back as exactly this duration (to the millisecond). */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
