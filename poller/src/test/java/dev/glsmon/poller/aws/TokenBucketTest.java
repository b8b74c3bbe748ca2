package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A clock that moves only when the bucket "sleeps", so waits are exact and instant. */
    private static final class FakeTime {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void spacesRequestsToTheRate() throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(10, 1, () -> time.now, time::sleep);
        long start = time.now;

        for (int i = 0; i < 21; i++) {
            assertThat(bucket.acquire(Duration.ofSeconds(5))).isTrue();
        }

        // the first token is there; 20 more at 10/s take two seconds
        assertThat(time.now - start).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(time.sleeps).hasSize(20).allSatisfy(nanos -> assertThat(nanos).isEqualTo(100_000_000L));
    }

    @Test
    void grantsAtMostRatePlusBurstInAnyOneSecondWindow() throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(15, 3, () -> time.now, time::sleep);
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            bucket.acquire(Duration.ofSeconds(5));
            grants.add(time.now);
        }
        int limit = 15 + 3;
        for (int i = limit; i < grants.size(); i++) {
            // the (limit+1)-th grant of a window comes at least a second after the first
            assertThat(grants.get(i) - grants.get(i - limit)).isGreaterThanOrEqualTo(1_000_000_000L);
        }
        double seconds = (grants.get(grants.size() - 1) - grants.get(0)) / 1e9;
        assertThat((300 - 3) / seconds).isCloseTo(15.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void refillsWhileIdleUpToTheBurst() throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(10, 2, () -> time.now, time::sleep);
        bucket.acquire(Duration.ZERO);
        bucket.acquire(Duration.ZERO);
        time.now += Duration.ofSeconds(60).toNanos();

        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).as("only the burst refills, not a minute of tokens").isFalse();
    }

    @Test
    void givesUpWithoutTakingATokenWhenTheWaitExceedsTheTimeout() throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(1, 1, () -> time.now, time::sleep);
        assertThat(bucket.acquire(Duration.ZERO)).isTrue();

        assertThat(bucket.acquire(Duration.ofMillis(500))).isFalse();
        assertThat(time.sleeps).isEmpty();
        // the refused caller reserved nothing: the next one waits one interval, not two
        assertThat(bucket.acquire(Duration.ofSeconds(1))).isTrue();
        assertThat(time.sleeps).containsExactly(1_000_000_000L);
    }

    @Test
    void aRaisedRateNeverLetsANewcomerOvertakeCallersAlreadyWaiting() throws InterruptedException {
        // four callers arrive at the same instant: the sleeper records their waits without moving time
        List<Long> waits = new ArrayList<>();
        TokenBucket bucket = new TokenBucket(1, 1, () -> 0L, waits::add);
        for (int i = 0; i < 3; i++) {
            bucket.acquire(Duration.ofMinutes(1));
        }
        assertThat(waits).containsExactly(1_000_000_000L, 2_000_000_000L); // the first took the free token

        bucket.ratePerSecond(10);
        bucket.acquire(Duration.ofMinutes(1));
        bucket.acquire(Duration.ofMinutes(1));

        // behind the slot reserved at 2 s, then spaced at the new rate
        assertThat(waits).containsExactly(1_000_000_000L, 2_000_000_000L, 2_100_000_000L, 2_200_000_000L);
    }

    @Test
    void aLoweredRateSpacesLaterCallersWiderFromTheLastReservedSlot() throws InterruptedException {
        List<Long> waits = new ArrayList<>();
        TokenBucket bucket = new TokenBucket(10, 1, () -> 0L, waits::add);
        bucket.acquire(Duration.ofMinutes(1));
        bucket.acquire(Duration.ofMinutes(1)); // reserved at 100 ms

        bucket.ratePerSecond(2);
        bucket.acquire(Duration.ofMinutes(1));

        assertThat(bucket.ratePerSecond()).isEqualTo(2);
        assertThat(waits).containsExactly(100_000_000L, 600_000_000L);
    }

    @Test
    void aRateChangeWhileIdleKeepsTheFreeToken() throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(10, 1, () -> time.now, time::sleep);
        bucket.acquire(Duration.ZERO);
        time.now += Duration.ofSeconds(5).toNanos();

        bucket.ratePerSecond(0.5);

        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
        assertThat(bucket.acquire(Duration.ofSeconds(2))).isTrue();
        assertThat(time.sleeps).containsExactly(2_000_000_000L);
    }

    @Test
    void refusesNonsenseRates() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, System::nanoTime, n -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(5, 0.5, System::nanoTime, n -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, System::nanoTime, n -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenBucket.perSecond(5).ratePerSecond(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
