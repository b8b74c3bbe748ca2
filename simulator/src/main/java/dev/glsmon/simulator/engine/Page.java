package dev.glsmon.simulator.engine;

import java.util.List;

/**
 * One page of a keyset listing.
 *
 * @param items at most the requested number of items
 * @param lastKey the key of the last item, where the next page starts after
 * @param more true when at least one more matching item follows
 */
public record Page<T>(List<T> items, String lastKey, boolean more) {}
