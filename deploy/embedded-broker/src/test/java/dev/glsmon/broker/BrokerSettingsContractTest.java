package dev.glsmon.broker;

import static dev.glsmon.broker.BrokerSettings.*;

import dev.glsmon.testkit.SettingsContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every embedded broker setting via its option and its variable, a bad value of each kind refused with exit code 2. */
class BrokerSettingsContractTest {

    @Test
    void everySettingFromOptionAndEnvironment() {
        new SettingsContract(TABLE, EmbeddedBrokerMain::commandLine, parsed -> parsed.<EmbeddedBrokerMain>getCommand().config())
                .sample(PORT, "19092", "70000")
                .sample(CONTROLLER_PORT, "19093", "9092")
                .anyText(DATA_DIR, "/var/lib/glsmon/state")
                .sample(NODE_ID, "2", "-1")
                .sample(CONTROLLER_QUORUM_VOTERS, "1@localhost:19093,2@localhost:19094", null,
                        Map.of("cluster-id", "glsmon-test-cluster"))
                .anyText(CLUSTER_ID, "glsmon-test-cluster")
                .sample(EXIT_ON_STDIN_CLOSE, "true", "maybe")
                .sample(KAFKA_PROPERTY, "listeners=INTERNAL://0.0.0.0:19092,HOST://0.0.0.0:9092,num.partitions=3", "listeners")
                .verify();
    }
}
