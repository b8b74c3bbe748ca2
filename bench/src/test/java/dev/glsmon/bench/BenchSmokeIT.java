package dev.glsmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every section of the suite at its tiniest, through the command line: each figure is a finite
 * positive number next to a baseline of the same run, and the relations that must hold whatever
 * the machine's speed do hold. No timing thresholds: the machine may be slow and shared.
 */
class BenchSmokeIT {

    @Test
    @Timeout(600)
    void everySectionReportsAFigureNextToItsBaselineAndTheSanityRelationsHold(@TempDir Path results)
            throws Exception {
        // the smoke test's figures mean nothing: it may run beside a real benchmark, which holds JMH's lock
        System.setProperty("jmh.ignoreLock", "true");
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new BenchMain());
        command.setOut(new PrintWriter(out));
        int exit = command.execute("--tiny", "--results-dir", results.toString(), "--note", "smoke test");

        assertThat(exit).as("exit code; output:%n%s", out).isZero();
        Path file;
        try (Stream<Path> files = Files.list(results)) {
            file = files.filter(p -> p.toString().endsWith("-tiny.json")).findFirst().orElseThrow();
        }
        JsonNode document = new ObjectMapper().readTree(file.toFile());
        assertThat(document.get("note").asText()).isEqualTo("smoke test");
        assertThat(document.get("machine").get("cores").asInt()).isPositive();
        List<JsonNode> rows = new ArrayList<>();
        document.get("results").forEach(rows::add);

        assertThat(rows).extracting(r -> r.get("section").asText().substring(0, 2)).containsOnly(
                "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.")
                .contains("1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("value").asDouble()).as("value of %s", r).isFinite().isPositive();
            assertThat(r.get("baselineValue").asDouble()).as("baseline of %s", r).isFinite().isPositive();
            assertThat(r.get("baseline").asText()).as("baseline name of %s", r).isNotBlank();
            assertThat(r.get("ratio").asDouble()).as("ratio of %s", r).isFinite().isPositive();
        });
        assertThat(out.toString()).contains("| section | figure | value | baseline |");

        // 2: the four JMH pairs
        assertThat(rows(rows, r -> section(r, "2."))).extracting(r -> r.get("name").asText())
                .containsExactly("detectNoChange", "detectTransition", "encodeGlsmonSerde", "decodeGlsmonSerde");
        // 3: a cycle costs at least its pages and less than asking for every session
        JsonNode pages = single(rows, r -> section(r, "3.") && r.get("baseline").asText().startsWith("lower bound"));
        JsonNode naive = single(rows, r -> section(r, "3.") && r.get("baseline").asText().startsWith("naive"));
        assertThat(pages.get("value").asDouble()).isGreaterThanOrEqualTo(pages.get("baselineValue").asDouble());
        assertThat(naive.get("value").asDouble()).isLessThan(naive.get("baselineValue").asDouble());
        // 4: percentiles in order, at each time scale
        for (String scale : List.of("x2", "x60")) {
            double p50 = single(rows, r -> r.get("name").asText().endsWith("p50, " + scale)).get("value").asDouble();
            double p99 = single(rows, r -> r.get("name").asText().endsWith("p99, " + scale)).get("value").asDouble();
            assertThat(p99).as("p99 >= p50 at %s", scale).isGreaterThanOrEqualTo(p50);
        }
        // 4 at fleet size: some change measured with and without the fast lane, the listing's calls/s in both runs
        assertThat(rows(rows, r -> section(r, "4. latency, fleet") && r.get("name").asText().startsWith("detection p99")))
                .isNotEmpty();
        assertThat(rows(rows, r -> r.get("name").asText().startsWith("ListStreamSessions calls/s"))).hasSize(2);
        // 6: processor and poller, each measured only once every instance held a share of the work
        assertThat(rows(rows, r -> section(r, "6."))).extracting(r -> r.get("baseline").asText())
                .containsExactly("1 instance", "1 instance");
        // 1: the processor next to both baselines
        assertThat(rows(rows, r -> section(r, "1."))).extracting(r -> r.get("baseline").asText())
                .containsExactly("Kafka Streams get+put per record (same settings)",
                        "plain consume-produce loop (at-least-once)");
        // 8: changes only publish fewer records and bytes than every session every cycle
        assertThat(rows(rows, r -> section(r, "8."))).hasSize(2).allSatisfy(r ->
                assertThat(r.get("value").asDouble()).isLessThan(r.get("baselineValue").asDouble()));
        // 7: one row per churn step, and the ceiling next to the Get budget
        assertThat(rows(rows, r -> section(r, "7.") && r.get("unit").asText().equals("%"))).isNotEmpty();
        single(rows, r -> section(r, "7.") && r.get("baseline").asText().startsWith("Get-per-end ceiling"));
    }

    private static boolean section(JsonNode row, String number) {
        return row.get("section").asText().startsWith(number);
    }

    private static List<JsonNode> rows(List<JsonNode> rows, Predicate<JsonNode> which) {
        return rows.stream().filter(which).toList();
    }

    private static JsonNode single(List<JsonNode> rows, Predicate<JsonNode> which) {
        List<JsonNode> found = rows(rows, which);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
