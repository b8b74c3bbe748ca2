package dev.glsmon.poller.config;

import dev.glsmon.poller.cycle.FastLaneMode;
import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.Mode;
import dev.glsmon.poller.RetryMode;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line value converters: lower-case enum names, readable durations. */
public final class CliConverters {

    private CliConverters() {}

    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return enumValue(Mode.class, value, "group or account");
        }
    }

    public static final class CoordinationConverter implements ITypeConverter<Coordination> {
        @Override
        public Coordination convert(String value) {
            return enumValue(Coordination.class, value, "kafka or none");
        }
    }

    public static final class FastLaneModeConverter implements ITypeConverter<FastLaneMode> {
        @Override
        public FastLaneMode convert(String value) {
            return enumValue(FastLaneMode.class, value, "on, off or auto");
        }
    }

    public static final class RetryModeConverter implements ITypeConverter<RetryMode> {
        @Override
        public RetryMode convert(String value) {
            return enumValue(RetryMode.class, value, "standard or adaptive");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String expected) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not " + expected);
        }
    }
}
