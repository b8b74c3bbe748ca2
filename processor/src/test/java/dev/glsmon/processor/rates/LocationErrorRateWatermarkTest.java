package dev.glsmon.processor.rates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.config.WindowSpec;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.session.TerminationCategories;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.ErrorRateEvent;
import dev.glsmon.schemas.LocationErrorRate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error-rate windows with several session tasks feeding one partition, which TopologyTestDriver
 * (one partition) cannot show: windows close on the slowest task's ticks, so a task running behind
 * loses none of its terminations.
 */
class LocationErrorRateWatermarkTest {

    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private MockProcessorContext<String, RateOutput> context;
    private LocationErrorRateProcessor processor;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(0);
        KeyValueStore<String, LocationErrorRate> windows = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("windows"), Serdes.String(), AvroSerde.of(LocationErrorRate.class))
                .withLoggingDisabled().build();
        KeyValueStore<Integer, Long> progress = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("progress"), Serdes.Integer(), Serdes.Long())
                .withLoggingDisabled().build();
        windows.init(context.getStateStoreContext(), windows);
        progress.init(context.getStateStoreContext(), progress);
        context.addStateStore(windows);
        context.addStateStore(progress);
        processor = new LocationErrorRateProcessor(List.of(WindowSpec.parse("1m")), Duration.ofSeconds(10),
                new TerminationCategories(ProcessorConfig.DEFAULT_REASON_CATEGORIES, Set.of("APPLICATION_CRASH")),
                "windows", "progress", ProcessorMetrics.NONE);
        processor.init(context);
    }

    private void tick(int source, long seconds) {
        long time = T0 + seconds * 1000;
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), time));
        processor.process(new Record<>("sg-1", new ErrorRateEvent(null, source), time));
    }

    private void termination(String category, long seconds) {
        long time = T0 + seconds * 1000;
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), time));
        processor.process(new Record<>("us-west-2", new ErrorRateEvent(category, null), time));
    }

    private List<LocationErrorRate> finals() {
        return context.forwarded().stream().map(f -> f.record().value())
                .filter(RateOutput::finalResult).map(RateOutput::rate).toList();
    }

    @Test
    void waitsForTheSlowestSessionTaskBeforeClosingAWindow() {
        tick(0, 0);
        tick(1, 0);
        tick(0, 300); // task 0 is far ahead (a backlog): alone it would close [0, 60)
        assertThat(finals()).isEmpty();

        termination("APPLICATION_CRASH", 30); // task 1 is still in the first minute
        tick(1, 65);
        assertThat(finals()).as("task 1 not past end + grace yet").isEmpty();
        tick(1, 70);

        assertThat(finals()).singleElement().satisfies(rate -> {
            assertThat(rate.getTerminations()).isEqualTo(1);
            assertThat(rate.getErrorRatio()).isEqualTo(1.0);
        });
    }

    @Test
    void keepsTheWatermarkAcrossARestart() {
        tick(0, 0);
        tick(1, 0);
        tick(0, 300);
        termination("NORMAL", 20);

        processor = new LocationErrorRateProcessor(List.of(WindowSpec.parse("1m")), Duration.ofSeconds(10),
                new TerminationCategories(ProcessorConfig.DEFAULT_REASON_CATEGORIES, Set.of("APPLICATION_CRASH")),
                "windows", "progress", ProcessorMetrics.NONE);
        processor.init(context);
        context.resetForwards();
        tick(0, 310); // task 1 has not moved: still nothing may close

        assertThat(finals()).isEmpty();
        tick(1, 80);
        assertThat(finals()).singleElement().extracting(LocationErrorRate::getTerminations).isEqualTo(1L);
    }
}
