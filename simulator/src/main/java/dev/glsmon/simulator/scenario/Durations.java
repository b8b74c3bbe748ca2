package dev.glsmon.simulator.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as scenario authors write them: ISO-8601 ({@code PT5M}) or a number with a unit
 * ({@code 250ms}, {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}); a bare number means seconds.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private Durations() {}

    public static Duration parse(String text) {
        String value = text.trim();
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'", e);
            }
        }
        Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a duration: '" + text + "' (use PT5M, 250ms, 90s, 5m, 2h or 1d)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            default -> throw new IllegalStateException(unit);
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
