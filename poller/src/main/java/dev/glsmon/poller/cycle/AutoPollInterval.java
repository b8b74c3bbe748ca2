package dev.glsmon.poller.cycle;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --poll-interval auto}: the time a full sweep needs within this instance's budget, i.e. the
 * pages the last cycle listed divided by the current rate of the listing operation, never below the
 * minimum. More sessions, a smaller share (another instance joined) or throttling stretch the
 * interval; fewer sessions or a larger share shorten it, so the listing uses its budget and no more.
 *
 * <p>A change is logged at INFO once it moved the interval by at least 10% and 100 ms from the
 * value last logged; the small ups and downs of every cycle are not worth a line.
 */
public final class AutoPollInterval implements PollInterval {

    private static final Logger LOG = LoggerFactory.getLogger(AutoPollInterval.class);
    private static final double LOGGED_CHANGE = 0.10;
    private static final Duration LOGGED_CHANGE_MIN = Duration.ofMillis(100);

    private final Duration minimum;
    private final DoubleSupplier listingRate;
    private volatile Duration current;
    private Duration lastLogged;

    /**
     * @param minimum the shortest interval ({@code --min-poll-interval})
     * @param listingRate requests per second this instance may spend on its listing operation now
     */
    public AutoPollInterval(Duration minimum, DoubleSupplier listingRate) {
        this.minimum = Objects.requireNonNull(minimum, "minimum");
        this.listingRate = Objects.requireNonNull(listingRate, "listingRate");
        this.current = minimum;
        this.lastLogged = minimum;
    }

    @Override
    public Duration current() {
        return current;
    }

    @Override
    public void cycleEnded(CycleReport report) {
        pagesListed(report.listCalls());
    }

    /** The last cycle listed this many pages. */
    synchronized void pagesListed(int pages) {
        double rate = listingRate.getAsDouble();
        Duration sweep = rate > 0 && pages > 0 ? Duration.ofMillis((long) Math.ceil(pages * 1000 / rate)) : Duration.ZERO;
        Duration next = sweep.compareTo(minimum) > 0 ? sweep : minimum;
        current = next;
        if (worthLogging(lastLogged, next)) {
            LOG.info("poll interval {} ms -> {} ms: {} pages at {} requests/s", lastLogged.toMillis(), next.toMillis(),
                    pages, Math.round(rate * 100) / 100.0);
            lastLogged = next;
        }
    }

    /** At least 10% and 100 ms away from the value last logged. */
    static boolean worthLogging(Duration lastLogged, Duration next) {
        Duration change = next.minus(lastLogged).abs();
        return change.compareTo(LOGGED_CHANGE_MIN) >= 0 && change.toNanos() >= LOGGED_CHANGE * lastLogged.toNanos();
    }
}
