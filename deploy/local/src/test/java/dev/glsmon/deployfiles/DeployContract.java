package dev.glsmon.deployfiles;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the deploy files assume about the programs: environment variables, ports, metric names.
 * Each is one method so that it can later be derived from the programs themselves (their
 * picocli options, a scrape of their /metrics) instead of these lists.
 */
final class DeployContract {

    private DeployContract() {}

    /** The programs whose images the deploy files run. */
    static final Set<String> PROGRAMS = Set.of("poller", "processor", "simulator");

    /** The images built here for the services glsmon needs (deploy/images): no glsmon program's. */
    static final Set<String> SERVICE_IMAGES = Set.of("kafka", "prometheus");

    /**
     * The GLSMON_* environment variables each program reads: GLSMON_ + an option in upper snake
     * case (ARCHITECTURE.md, "Programs"). Poller and processor: the options documented today.
     * Simulator: the options of simulator/src/main/java/dev/glsmon/simulator/cli/SimulatorCommand.java.
     * Replace with the programs' picocli options once they exist.
     */
    /**
     * The GLSMON_ variables a program really reads: one per long option of its picocli command
     * (GLSMON_ + the option in upper snake case), taken from the command objects themselves.
     */
    static Set<String> glsmonEnvironmentVariables(String program) {
        picocli.CommandLine cli = switch (program) {
            case "poller" -> dev.glsmon.poller.PollerCommand.commandLine(java.util.Map.of(), config -> 0);
            case "processor" -> dev.glsmon.processor.ProcessorMain.commandLine();
            case "simulator" -> dev.glsmon.simulator.cli.SimulatorCommand.commandLine(java.util.Map.of());
            default -> throw new IllegalArgumentException("unknown program " + program);
        };
        return cli.getCommandSpec().options().stream()
                .filter(option -> !option.hidden()) // a former name: read, no longer documented
                .map(picocli.CommandLine.Model.OptionSpec::longestName)
                .filter(name -> name.startsWith("--") && !name.equals("--help") && !name.equals("--version"))
                .map(name -> "GLSMON_" + name.substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_'))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Variables read by the JVM or the AWS SDK rather than by glsmon's options. */
    static final Set<String> PLATFORM_ENVIRONMENT_VARIABLES = Set.of(
            "JAVA_TOOL_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
            "AWS_PROFILE");

    /** The environment variable that sets the port a program serves its HTTP on: one name in every program. */
    static String portVariable(String program) {
        return "GLSMON_HTTP_PORT";
    }

    /** The default port of each program (ARCHITECTURE.md, "Programs"). */
    static int defaultPort(String program) {
        return switch (program) {
            case "poller" -> 9401;
            case "processor" -> 9402;
            case "simulator" -> 8443;
            default -> throw new IllegalArgumentException("unknown program " + program);
        };
    }

    /** The program an image runs: glsmon/poller:tag -> poller; null for other images. */
    static String programOfImage(String image) {
        String name = image.contains(":") ? image.substring(0, image.indexOf(':')) : image;
        if (!name.startsWith("glsmon/")) {
            return null;
        }
        String program = name.substring("glsmon/".length());
        if (SERVICE_IMAGES.contains(program)) {
            return null;
        }
        if (!PROGRAMS.contains(program)) {
            throw new IllegalArgumentException("image of no known glsmon program: " + image);
        }
        return program;
    }

    /**
     * The metric names the rules and dashboards read from the programs (Prometheus names, as the
     * Micrometer Prometheus registry writes them). Replace with a scrape of the programs' /metrics
     * once they run in a test.
     */
    static Set<String> programMetricNames() {
        Set<String> names = new TreeSet<>(Set.of(
                // processor
                "glsmon_sessions",
                "glsmon_session_transitions_total",
                "glsmon_session_terminations_total",
                "glsmon_location_error_ratio",
                "glsmon_location_unknown_ratio",
                "glsmon_export_commands_total",
                "glsmon_export_commands_suppressed_total",
                "glsmon_export_final_results_total",
                "glsmon_snapshots_stale_total",
                "glsmon_dead_letter_total",
                "glsmon_location_capacity",
                "glsmon_location_utilisation_ratio",
                "glsmon_location_idle_headroom_ratio",
                "glsmon_stream_group_status",
                "glsmon_location_status",
                // Micrometer KafkaStreamsMetrics / KafkaClientMetrics: kafka. + group without -metrics + name
                "kafka_consumer_fetch_manager_records_lag_max",
                "kafka_stream_thread_process_rate",
                // poller
                "glsmon_poller_api_calls_total",
                "glsmon_poller_cycles_total",
                "glsmon_poller_last_complete_cycle_timestamp_seconds",
                "glsmon_poller_poll_interval_seconds",
                "glsmon_poller_sessions_observed",
                "glsmon_export_results_total",
                "kafka_producer_record_send_rate",
                "kafka_producer_record_error_rate",
                // every program (Micrometer JvmMemoryMetrics)
                "jvm_memory_used_bytes"));
        for (String histogram : Set.of(
                "glsmon_session_time_to_active_seconds",
                "glsmon_session_time_to_connect_seconds",
                "glsmon_session_duration_seconds",
                "glsmon_export_time_to_final_seconds",
                "glsmon_poller_api_call_seconds",
                "glsmon_poller_cycle_seconds")) {
            names.add(histogram + "_bucket");
            names.add(histogram + "_count");
            names.add(histogram + "_sum");
        }
        return names;
    }

    /** The processor's stream-group series (issue 18): each carries stream_group. */
    static final Set<String> STREAM_GROUP_METRICS = Set.of("glsmon_location_capacity", "glsmon_location_utilisation_ratio",
            "glsmon_location_idle_headroom_ratio", "glsmon_stream_group_status", "glsmon_location_status");

    /** Series Prometheus makes itself. */
    static final Set<String> PROMETHEUS_METRIC_NAMES = Set.of("up", "ALERTS");

    /**
     * Metrics that carry a stream_group label (the stream group id): a dashboard query on one of them
     * must filter by $stream_group, and the stream_group variable takes its values from one of them.
     */
    static boolean hasStreamGroupLabel(String metric) {
        return metric.equals("glsmon_sessions") || metric.equals("glsmon_poller_sessions_observed")
                || STREAM_GROUP_METRICS.contains(metric);
    }

    /** Metrics that carry a location label: a dashboard query on one of them must filter by $location. */
    static boolean hasLocationLabel(String metric) {
        return metric.equals("glsmon_sessions")
                || metric.startsWith("glsmon_session_")
                || metric.equals("glsmon_location_error_ratio")
                || metric.equals("glsmon_location_unknown_ratio")
                || (STREAM_GROUP_METRICS.contains(metric) && !metric.equals("glsmon_stream_group_status"))
                || metric.startsWith("location:")
                || metric.startsWith("location_");
    }
}
