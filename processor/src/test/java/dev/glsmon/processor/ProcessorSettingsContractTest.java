package dev.glsmon.processor;

import static dev.glsmon.processor.config.ProcessorSettings.*;

import dev.glsmon.common.config.KafkaClientSettings;
import dev.glsmon.testkit.SettingsContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every processor setting via its option and its variable, and a bad value of each kind refused with exit code 2. */
class ProcessorSettingsContractTest {

    private static final Map<String, String> EXPORTING = Map.of("export-client-disconnect", "true",
            "export-output-uri", "s3://exports/glsmon/", "export-allowed-prefixes", "s3://exports/");

    @Test
    void everySettingFromOptionAndEnvironment() {
        new SettingsContract(TABLE, ProcessorMain::commandLine, parsed -> parsed.<ProcessorMain>getCommand().config())
                .sample(BOOTSTRAP_SERVERS, "broker-1:9092,broker-2:9092", "broker-1")
                .sample(KafkaClientSettings.PROPERTY, "linger.ms=5,sasl.jaas.config=a b, c=d", "linger.ms")
                .sample(KafkaClientSettings.PROPERTIES_FILE, "../deploy/kafka-client/sasl-ssl.properties.example",
                        "../deploy/kafka-client/missing.properties")
                .sample(APPLICATION_ID, "glsmon-eu", "glsmon eu")
                .anyText(STATE_DIR, "/var/lib/glsmon")
                .anyText(TOPIC_PREFIX, "studio.")
                .sample(PARTITIONS, "12", "0")
                .sample(REPLICATION_FACTOR, "3", "0")
                .anyText(HTTP_BIND, "127.0.0.1")
                .sample(HTTP_PORT, "9999", "70000")
                .sample(ADVERTISED_ADDRESS, "processor-0:9402", "processor-0")
                .sample(VANISH_CYCLES, "3", "0")
                .sample(REASON_WAIT_CYCLES, "2", "-1")
                .sample(ENDED_RETENTION, "2h", "0s")
                .sample(CLEANUP_INTERVAL, "30s", "30")
                .sample(WINDOWS, "2m,10m:1m", "2x")
                .sample(WINDOW_GRACE, "0s", "-1s")
                .anyText(ERROR_CATEGORIES, "CAPACITY,PLATFORM")
                .sample(REASON_CATEGORIES, "idleTimeout=CLIENT", "idleTimeout")
                .sample(MIN_TIMESTAMP, "2024-01-01T00:00:00Z", "2024-01-01")
                .sample(MAX_FUTURE_SKEW, "1d", "soon")
                .sample(EXPORT_OUTPUT_URI, "s3://exports/{rule}/", "https://exports/",
                        Map.of("export-client-disconnect", "true", "export-allowed-prefixes", "s3://exports/"))
                .sample(EXPORT_ALLOWED_PREFIXES, "s3://exports/", "https://exports/", EXPORTING)
                .sample(EXPORT_CLIENT_DISCONNECT, "false", "maybe")
                .sample(EXPORT_ERROR_RATE, "false", "maybe")
                .sample(EXPORT_ERROR_RATE_WINDOW, "5m", "7m")
                .sample(EXPORT_ERROR_RATE_THRESHOLD, "0.25", "1.5")
                .sample(EXPORT_ERROR_RATE_MIN_TERMINATIONS, "10", "0")
                .sample(EXPORT_ERROR_RATE_CAP, "3", "0")
                .sample(EXPORT_MAX_COMMANDS_PER_MINUTE, "60", "0")
                .sample(EXPORT_SAMPLE_RATE, "0.1", "2", EXPORTING)
                .sample(EXPORT_APPLICATIONS, "arn:aws:gameliftstreams:us-west-2:111122223333:application/a-1", null, EXPORTING)
                .verify();
    }
}
