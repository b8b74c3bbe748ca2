package dev.glsmon.processor.session;

import java.util.Map;
import java.util.Set;

/**
 * StatusReason -> termination category (configuration), and which categories count as errors.
 *
 * <p>UNKNOWN (no reason ever came, a reason the mapping lacks, or VANISHED) is not an error by
 * default: the error ratio is taken over the terminations it can judge, so that reasons lost at
 * random do not bias it, and the unknown share stands beside it. Where UNKNOWN is configured as an
 * error category it counts in both the errors and the terminations the ratio is taken over.
 */
public final class TerminationCategories {

    public static final String UNKNOWN = "UNKNOWN";

    private final Map<String, String> byReason;
    private final Set<String> errorCategories;

    public TerminationCategories(Map<String, String> byReason, Set<String> errorCategories) {
        this.byReason = Map.copyOf(byReason);
        this.errorCategories = Set.copyOf(errorCategories);
    }

    /** UNKNOWN for a null reason (never given, or VANISHED) and for a reason the mapping lacks. */
    public String categoryOf(String reason) {
        return reason == null ? UNKNOWN : byReason.getOrDefault(reason, UNKNOWN);
    }

    public boolean isError(String category) {
        return errorCategories.contains(category);
    }

    public static boolean isUnknown(String category) {
        return UNKNOWN.equals(category);
    }

    /**
     * The terminations an error ratio is taken over: those of a known category, and the UNKNOWN
     * ones too where UNKNOWN is an error category.
     */
    public long ratioBase(long terminations, long unknown) {
        return isError(UNKNOWN) ? terminations : terminations - unknown;
    }

    /** errors / {@link #ratioBase}; 0 when the base is empty. */
    public double errorRatio(long errors, long terminations, long unknown) {
        long base = ratioBase(terminations, unknown);
        return base == 0 ? 0.0 : errors / (double) base;
    }
}
