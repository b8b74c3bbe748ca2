package dev.glsmon.poller.groups;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A set this instance owns alone: the configured list, or the latest discovery result when no
 * Kafka coordination is used.
 */
public final class FixedStreamGroups implements StreamGroupSource {

    private final AtomicReference<Set<String>> groups;
    private volatile boolean ready;

    /** @param ready false until the first {@link #replace} (discovery has not run yet) */
    public FixedStreamGroups(Collection<String> groups, boolean ready) {
        this.groups = new AtomicReference<>(Set.copyOf(new LinkedHashSet<>(groups)));
        this.ready = ready;
    }

    public static FixedStreamGroups of(Collection<String> groups) {
        return new FixedStreamGroups(groups, true);
    }

    public void replace(Collection<String> newGroups) {
        groups.set(Set.copyOf(newGroups));
        ready = true;
    }

    @Override
    public Set<String> current() {
        return groups.get();
    }

    @Override
    public boolean isReady() {
        return ready;
    }
}
