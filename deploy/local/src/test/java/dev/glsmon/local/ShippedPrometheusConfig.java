package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.glsmon.common.config.Durations;
import dev.glsmon.deployfiles.ShippedFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The shipped prometheus.yml pointed at a running local stack: the configuration the end-to-end tests scrape with. */
final class ShippedPrometheusConfig {

    private ShippedPrometheusConfig() {}

    /** The shipped prometheus.yml with absolute rule files and each job's target at the stack's actual port. */
    static String forStack(LocalStack stack, int prometheusPort) {
        Path dir = ShippedFiles.prometheusDir();
        ObjectNode config = (ObjectNode) ShippedFiles.readYaml(dir.resolve("prometheus.yml"));
        ArrayNode rules = config.putArray("rule_files");
        ShippedFiles.readYaml(dir.resolve("prometheus.yml")).path("rule_files")
                .forEach(file -> rules.add(dir.resolve(file.asText()).toAbsolutePath().toString()));
        Map<String, String> targets = Map.of(
                "glsmon-poller", hostPort(stack.pollerHttpUri()),
                "glsmon-processor", hostPort(stack.processor().httpUri()),
                "glsmon-simulator", "127.0.0.1:" + stack.simulator().port(),
                "prometheus", "127.0.0.1:" + prometheusPort);
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            String target = targets.get(name);
            if (target == null) {
                fail("the shipped prometheus.yml has a job this test does not know how to point at the stack: " + name);
            }
            assertThat(job.path("static_configs")).as("static_configs of %s", name).hasSize(1);
            ((ObjectNode) job.path("static_configs").get(0)).putArray("targets").add(target);
        }
        try {
            return new YAMLMapper().writeValueAsString(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped scrape and rule evaluation intervals, the longest of the two (Prometheus's default 1m if unset). */
    static Duration slowestInterval() {
        JsonNode global = ShippedFiles.readYaml(ShippedFiles.prometheusDir().resolve("prometheus.yml")).path("global");
        Duration scrape = Durations.parse(global.path("scrape_interval").asText("1m"));
        Duration eval = Durations.parse(global.path("evaluation_interval").asText("1m"));
        return scrape.compareTo(eval) >= 0 ? scrape : eval;
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
