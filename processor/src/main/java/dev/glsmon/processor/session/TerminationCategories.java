package dev.glsmon.processor.session;

import java.util.Map;
import java.util.Set;

/** StatusReason -> termination category (configuration), and which categories count as errors. */
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
}
