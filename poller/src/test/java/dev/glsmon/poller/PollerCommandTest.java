package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.aws.ApiOperations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class PollerCommandTest {

    private final AtomicReference<PollerConfig> started = new AtomicReference<>();
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PollerCommand.commandLine(Map.of(), config -> {
            started.set(config);
            return 0;
        });
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private static String[] valid(String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", "localhost:9092", "--region", "us-west-2",
                "--stream-groups", "sg-1,sg-2"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--mode, foo, --mode",
        "--poll-interval, 0, --poll-interval",
        "--poll-interval, -5s, --poll-interval",
        "--poll-interval, soon, --poll-interval",
        "--min-poll-interval, 0, --min-poll-interval",
        "--min-poll-interval, never, --min-poll-interval",
        "--endpoint-url, not a url, --endpoint-url",
        "--endpoint-url, ftp://127.0.0.1:21, --endpoint-url",
        "--endpoint-url, http://, --endpoint-url",
        "--page-size, 101, --page-size",
        "--page-size, 0, --page-size",
        "--full-refresh-interval, 0, --full-refresh-interval",
        "--full-refresh-interval, weekly, --full-refresh-interval",
        "--rate-get-stream-session, 0, --rate-get-stream-session",
        "--max-attempts, 0, --max-attempts",
        "--http-port, 70000, --http-port",
        "--export-allowed-prefixes, https://bucket/x, --export-allowed-prefixes",
        "--region, Oregon, --region",
        "--retry-mode, eager, --retry-mode",
        "--fast-lane, sometimes, --fast-lane",
        "--fast-lane-interval, 0, --fast-lane-interval",
        "--fast-lane-budget-share, 2, --fast-lane-budget-share",
        "--fast-lane-statuses, SLEEPING, --fast-lane-statuses",
        "--fast-lane-auto-threshold, 0, --fast-lane-auto-threshold",
        "--stream-group-interval, 0, --stream-group-interval",
        "--stream-group-interval, often, --stream-group-interval",
        "--rate-get-stream-group, -1, --rate-get-stream-group"
    })
    void aBadSettingStopsStartUpNamingIt(String option, String value, String named) {
        int exit = run(valid(option, value));

        assertThat(exit).isEqualTo(2);
        assertThat(started.get()).isNull();
        assertThat(err.toString()).contains(named);
    }

    @Test
    void aBadValueIsReportedWithItsOptionAndTheHelpNamesItsVariable() {
        assertThat(run(valid("--page-size", "101"))).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--page-size': must be between 1 and 100, was 101")
                .contains("GLSMON_PAGE_SIZE");
    }

    @Test
    void aKafkaPropertyNeedsAName() {
        assertThat(run(valid("--kafka-property", "=SSL"))).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--kafka-property': a property needs a name");
    }

    @Test
    void kafkaIsRequired() {
        assertThat(run("--region", "us-west-2", "--stream-groups", "sg-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap-servers");
    }

    @Test
    void groupModeNeedsGroupsOrDiscoveryButNotBoth() {
        assertThat(run("--bootstrap-servers", "k:9092", "--region", "us-west-2")).isEqualTo(2);
        assertThat(err.toString()).contains("--stream-groups");

        assertThat(run(valid("--discover"))).isEqualTo(2);
        assertThat(err.toString()).contains("--discover");
    }

    @Test
    void aValidCommandLineBecomesTheConfiguration(@TempDir Path dir) throws Exception {
        Path kafkaFile = dir.resolve("kafka.properties");
        Files.writeString(kafkaFile, "security.protocol=SSL\nlinger.ms=50\n");

        int exit = run(valid("--endpoint-url", "http://127.0.0.1:8443", "--page-size", "50", "--poll-interval", "2500ms",
                "--rate-list-stream-sessions", "12.5", "--kafka-properties-file", kafkaFile.toString(),
                "--kafka-property", "linger.ms=20", "--kafka-property", "producer.batch.size=65536",
                "--export-allowed-prefixes", "s3://exports/a/,s3://exports/b/", "--coordination", "none", "--poller-id", "p-1"));

        assertThat(exit).isZero();
        PollerConfig config = started.get();
        assertThat(config.region()).contains("us-west-2");
        assertThat(config.endpointUrl()).get().hasToString("http://127.0.0.1:8443");
        assertThat(config.streamGroups()).containsExactly("sg-1", "sg-2");
        assertThat(config.mode()).isEqualTo(Mode.GROUP);
        assertThat(config.pageSize()).isEqualTo(50);
        assertThat(config.pollInterval()).contains(Duration.ofMillis(2500));
        assertThat(config.rateLimits()).containsEntry(ApiOperations.LIST_STREAM_SESSIONS, 12.5)
                .containsEntry(ApiOperations.LIST_STREAM_GROUPS, 8.0);
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("linger.ms", "20")
                .containsEntry("producer.batch.size", "65536");
        assertThat(config.exportAllowedPrefixes()).containsExactly("s3://exports/a/", "s3://exports/b/");
        assertThat(config.coordination()).isEqualTo(Coordination.NONE);
        assertThat(config.pollerId()).isEqualTo("p-1");
        assertThat(config.httpPort()).isEqualTo(9401);
        assertThat(config.httpBindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void passesTheShippedSaslSslExampleUnchangedToEveryKafkaClient() throws Exception {
        Path example = Path.of("../deploy/kafka-client/sasl-ssl.properties.example");
        java.util.Properties expected = new java.util.Properties();
        try (var in = Files.newInputStream(example)) {
            expected.load(in);
        }

        assertThat(run(valid("--kafka-properties-file", example.toString()))).isZero();
        dev.glsmon.poller.kafka.KafkaSettings settings = new dev.glsmon.poller.kafka.KafkaSettings(started.get(),
                java.util.Map.of());

        assertThat(expected).containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        for (java.util.Map<String, Object> client : List.of(settings.producer("x"), settings.consumer("g", "x"),
                settings.admin("x"))) {
            expected.forEach((key, value) -> assertThat(client).containsEntry(String.valueOf(key), value));
        }
        assertThat(started.get().toString()).doesNotContain("CHANGE-ME");
    }

    @Test
    void theFastLaneRunsByItselfWhenSweepsAreSlowUnlessSetOtherwise() {
        assertThat(run(valid())).isZero();
        assertThat(started.get().fastLane()).isEqualTo(dev.glsmon.poller.config.FastLaneSettings.defaults());

        assertThat(run(valid("--fast-lane", "ON", "--fast-lane-interval", "500ms", "--fast-lane-budget-share", "0.25",
                "--fast-lane-statuses", "pending_client_reconnection,ERROR", "--fast-lane-auto-threshold", "10s")))
                .isZero();
        assertThat(started.get().fastLane()).isEqualTo(new dev.glsmon.poller.config.FastLaneSettings(
                dev.glsmon.poller.config.FastLaneMode.ON, Duration.ofMillis(500), 0.25,
                List.of("PENDING_CLIENT_RECONNECTION", "ERROR"), Duration.ofSeconds(10)));
    }

    @Test
    void thePollIntervalTunesItselfByDefaultInBothModes() {
        assertThat(run(valid())).isZero();
        assertThat(started.get().pollInterval()).isEmpty();
        assertThat(started.get().minPollInterval()).isEqualTo(Duration.ofSeconds(1));

        assertThat(run("--bootstrap-servers", "k:9092", "--region", "us-west-2", "--mode", "account")).isZero();
        assertThat(started.get().mode()).isEqualTo(Mode.ACCOUNT);
        assertThat(started.get().pollInterval()).isEmpty();

        assertThat(run(valid("--poll-interval", "AUTO", "--min-poll-interval", "5s"))).isZero();
        assertThat(started.get().pollInterval()).isEmpty();
        assertThat(started.get().minPollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(started.get().toString()).contains("pollInterval=auto(min 5s)");
    }

    @Test
    void theRatesDefaultToEightyPercentOfTheServiceLimitsAsTheAccountWideBudget() {
        assertThat(run(valid())).isZero();

        assertThat(started.get().rateLimits())
                .containsEntry(ApiOperations.LIST_STREAM_SESSIONS, 16.0)
                .containsEntry(ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT, 16.0)
                .containsEntry(ApiOperations.GET_STREAM_SESSION, 16.0)
                .containsEntry(ApiOperations.EXPORT_STREAM_SESSION_FILES, 16.0)
                .containsEntry(ApiOperations.LIST_STREAM_GROUPS, 8.0)
                .containsEntry(ApiOperations.GET_STREAM_GROUP, 8.0);
        assertThat(started.get().streamGroupInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("account-wide budget, shared by all instances");
    }

    @Test
    void helpListsEveryOption() {
        assertThat(run("--help")).isZero();
        CommandLine cli = PollerCommand.commandLine(Map.of(), config -> 0);
        for (OptionSpec option : cli.getCommandSpec().options()) {
            assertThat(out.toString().replace("[no-]", "")).contains(option.longestName());
        }
        assertThat(out.toString()).contains("0.0.0.0").contains("GLSMON_");
    }
}
