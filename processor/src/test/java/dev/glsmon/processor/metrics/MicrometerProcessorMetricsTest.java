package dev.glsmon.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.session.TerminationCategories;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MicrometerProcessorMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void countersTheRulesReadArePresentAtZeroFromTheStart() {
        new MicrometerProcessorMetrics(registry);

        assertThat(registry.scrape())
                .contains("glsmon_snapshots_stale_total 0.0")
                .contains("glsmon_dead_letter_total{reason=\"DESERIALIZATION\"} 0.0")
                .contains("glsmon_dead_letter_total{reason=\"INVALID_RECORD\"} 0.0")
                .contains("glsmon_dead_letter_total{reason=\"PROCESSING\"} 0.0")
                .contains("glsmon_export_commands_total{rule=\"" + ExportRule.LOCATION_ERROR_RATE + "\"} 0.0");
    }

    @Test
    void aLocationSeenForTheFirstTimeGetsItsTerminationCountersAtZeroWithTheConfiguredCategories() {
        MicrometerProcessorMetrics metrics = new MicrometerProcessorMetrics(registry,
                new TerminationCategories(Map.of("applicationExit", "GAME_EXIT"), Set.of()));

        metrics.taskGauges("0_1").sessions("ACTIVE", "us-west-2", "sg-RACE0prod", 1);

        assertThat(registry.scrape())
                .contains("glsmon_session_terminations_total{category=\"GAME_EXIT\",location=\"us-west-2\","
                        + "reason=\"applicationExit\",status=\"TERMINATED\"} 0.0")
                .contains("glsmon_session_terminations_total{category=\"UNKNOWN\",location=\"us-west-2\","
                        + "reason=\"placementTimeout\",status=\"ERROR\"} 0.0")
                .doesNotContain("location=\"eu-central-1\"");
    }

    @Test
    void aLocationSeenForTheFirstTimeGetsItsTerminationCountersWithoutAReasonAtZero() {
        MicrometerProcessorMetrics metrics = new MicrometerProcessorMetrics(registry);

        metrics.taskGauges("0_1").sessions("ACTIVE", "us-west-2", "sg-RACE0prod", 1);

        String scrape = registry.scrape();
        for (String status : new String[] {"TERMINATED", "ERROR", "VANISHED"}) {
            assertThat(scrape).contains("glsmon_session_terminations_total{category=\"UNKNOWN\",location=\"us-west-2\","
                    + "reason=\"unknown\",status=\"" + status + "\"} 0.0");
        }
    }

    @Test
    void theLiveUnknownShareIsAGaugeBesideTheErrorRatio() {
        MicrometerProcessorMetrics metrics = new MicrometerProcessorMetrics(registry);

        metrics.taskGauges("1_0").liveRatios("us-west-2", "5m", 0.25, 0.1);

        assertThat(registry.scrape())
                .contains("glsmon_location_error_ratio{location=\"us-west-2\",window=\"5m\"} 0.25")
                .contains("glsmon_location_unknown_ratio{location=\"us-west-2\",window=\"5m\"} 0.1");
    }

    @Test
    void theFirstTerminationOfALocationCountsOnTopOfItsZeroSeries() {
        MicrometerProcessorMetrics metrics = new MicrometerProcessorMetrics(registry);

        metrics.taskGauges("0_1").sessions("CONNECTED", "us-west-2", "sg-RACE0prod", 1);
        metrics.termination("TERMINATED", "applicationExit", "APPLICATION_CRASH", "us-west-2");
        metrics.termination("TERMINATED", null, "UNKNOWN", "eu-central-1");

        assertThat(registry.scrape())
                .contains("glsmon_session_terminations_total{category=\"APPLICATION_CRASH\",location=\"us-west-2\","
                        + "reason=\"applicationExit\",status=\"TERMINATED\"} 1.0")
                .contains("glsmon_session_terminations_total{category=\"UNKNOWN\",location=\"eu-central-1\","
                        + "reason=\"unknown\",status=\"TERMINATED\"} 1.0")
                .contains("glsmon_session_terminations_total{category=\"NORMAL\",location=\"eu-central-1\","
                        + "reason=\"apiTerminated\",status=\"TERMINATED\"} 0.0");
    }

    @Test
    void sessionsAreCountedPerStatusLocationAndStreamGroupSummedOverTasks() {
        MicrometerProcessorMetrics metrics = new MicrometerProcessorMetrics(registry);

        ProcessorMetrics.TaskGauges task1 = metrics.taskGauges("0_1");
        ProcessorMetrics.TaskGauges task2 = metrics.taskGauges("0_2");
        task1.sessions("CONNECTED", "us-west-2", "sg-RACE0prod", 2);
        task2.sessions("CONNECTED", "us-west-2", "sg-RACE0prod", 1);
        task2.sessions("CONNECTED", "us-west-2", "sg-ARCD0beta", 1);

        assertThat(registry.scrape())
                .contains("glsmon_sessions{location=\"us-west-2\",status=\"CONNECTED\",stream_group=\"sg-RACE0prod\"} 3.0")
                .contains("glsmon_sessions{location=\"us-west-2\",status=\"CONNECTED\",stream_group=\"sg-ARCD0beta\"} 1.0");
    }
}
