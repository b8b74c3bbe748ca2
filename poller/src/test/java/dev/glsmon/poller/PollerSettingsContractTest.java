package dev.glsmon.poller;

import static dev.glsmon.poller.config.PollerSettings.*;

import dev.glsmon.common.config.KafkaClientSettings;
import dev.glsmon.testkit.SettingsContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every poller setting via its option and its variable, and a bad value of each kind refused with exit code 2. */
class PollerSettingsContractTest {

    /** What every start needs (Kafka, and in group mode the groups); a sample's own value wins. */
    private static final Map<String, String> REQUIRED = Map.of("GLSMON_BOOTSTRAP_SERVERS", "kafka:9092",
            "GLSMON_STREAM_GROUPS", "sg-1");
    /** An empty option counts as not given: the stream groups of {@link #REQUIRED} are taken away. */
    private static final Map<String, String> NO_GROUPS = Map.of("stream-groups", "");

    @Test
    void everySettingFromOptionAndEnvironment() {
        new SettingsContract(TABLE, PollerSettingsContractTest::commandLine,
                parsed -> parsed.<PollerCommand>getCommand().config())
                .sample(REGION, "eu-central-1", "Oregon")
                .sample(ENDPOINT_URL, "http://127.0.0.1:8443", "ftp://127.0.0.1:21")
                .sample(STREAM_GROUPS, "sg-1,arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-2",
                        "arn:aws:s3:::bucket/x")
                .sample(DISCOVER, "true", "maybe", NO_GROUPS)
                .sample(DISCOVERY_INTERVAL, "10m", "0s")
                .sample(STREAM_GROUP_INTERVAL, "1m", "often")
                .sample(MODE, "account", "foo", NO_GROUPS)
                .sample(POLL_INTERVAL, "2500ms", "soon")
                .sample(MIN_POLL_INTERVAL, "5s", "0")
                .sample(FULL_REFRESH_INTERVAL, "30m", "weekly")
                .sample(PAGE_SIZE, "50", "101")
                .sample(PARALLELISM, "8", "65")
                .sample(RATE_LIST_STREAM_SESSIONS, "12.5", "0")
                .sample(RATE_LIST_STREAM_SESSIONS_BY_ACCOUNT, "4", "-1")
                .sample(RATE_GET_STREAM_SESSION, "10", "many")
                .sample(RATE_EXPORT_STREAM_SESSION_FILES, "2", "0")
                .sample(RATE_LIST_STREAM_GROUPS, "1", "Infinity")
                .sample(RATE_GET_STREAM_GROUP, "0.5", "-1")
                .sample(RATE_LIMIT_MAX_WAIT, "30s", "0s")
                .sample(API_CALL_TIMEOUT, "90s", "never")
                .sample(API_CALL_ATTEMPT_TIMEOUT, "5s", "5m")
                .sample(MAX_ATTEMPTS, "3", "0")
                .sample(RETRY_MODE, "adaptive", "eager")
                .sample(RETRY_BASE_DELAY, "50ms", "0ms")
                .sample(THROTTLING_BASE_DELAY, "1s", "fast")
                .sample(RETRY_MAX_BACKOFF, "30s", "-1s")
                .sample(MAX_CONNECTIONS, "32", "0")
                .sample(BOOTSTRAP_SERVERS, "broker-1:9092,broker-2:9092", "broker-1")
                .sample(KafkaClientSettings.PROPERTY, "linger.ms=5,sasl.jaas.config=a b, c=d", "linger.ms")
                .sample(KafkaClientSettings.PROPERTIES_FILE, "../deploy/kafka-client/sasl-ssl.properties.example",
                        "../deploy/kafka-client/missing.properties")
                .sample(TOPIC_PREFIX, "studio.", "glsmon prod")
                .sample(PARTITIONS, "12", "0")
                .sample(REPLICATION_FACTOR, "3", "0")
                .sample(CREATE_TOPICS, "false", "maybe")
                .sample(COORDINATION, "none", "zookeeper")
                .anyText(GROUP_ID, "pollers-eu")
                .sample(EXPORT_EXECUTOR, "false", "maybe")
                .anyText(EXPORT_GROUP_ID, "exports-eu")
                .sample(EXPORT_ALLOWED_PREFIXES, "s3://exports/a/,s3://exports/b/", "https://bucket/x")
                .sample(EXECUTED_COMMANDS_CAPACITY, "1000", "0")
                .sample(HTTP_PORT, "9999", "70000")
                .anyText(HTTP_BIND, "127.0.0.1")
                .sample(POLLER_ID, "poller-1", "poller 1")
                .sample(KEEP_SIGNAL_DATA, "true", "maybe")
                .sample(FAST_LANE, "on", "sometimes")
                .sample(FAST_LANE_INTERVAL, "500ms", "0s")
                .sample(FAST_LANE_BUDGET_SHARE, "0.25", "2")
                .sample(FAST_LANE_STATUSES, "ERROR,terminating", "SLEEPING")
                .sample(FAST_LANE_AUTO_THRESHOLD, "10s", "0")
                .verify();
    }

    private static picocli.CommandLine commandLine(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(REQUIRED);
        merged.putAll(environment);
        return PollerCommand.commandLine(merged, config -> 0);
    }
}
