package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessTest {

    @Test
    void runsARealBrokerInAChildJvmThatStopsOnClose(@TempDir Path dir) throws Exception {
        BrokerProcess broker = BrokerProcess.start(0, dir.resolve("kafka"), Duration.ofSeconds(60));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains("t");
        } finally {
            broker.close();
        }
        assertThat(broker.isAlive()).isFalse();
    }

    @Test
    void diesWhenTheLauncherGoesAwayAndItsStdinCloses(@TempDir Path dir) throws Exception {
        BrokerProcess broker = BrokerProcess.start(0, dir.resolve("kafka"), Duration.ofSeconds(60));
        try {
            broker.closeStdin();

            assertThat(broker.awaitExit(Duration.ofSeconds(30))).isTrue();
        } finally {
            broker.close();
        }
    }
}
