package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code aws/} is the SDK edge that {@code cycle/} builds on: it must never reach back into the
 * cycles, or the two packages become one tangle again (issue 14). A source scan, not a class scan,
 * so that an import used only in a comment or a Javadoc link counts too.
 */
class AwsLayerTest {

    private static final Path AWS_SOURCES = Path.of("src/main/java/dev/glsmon/poller/aws");
    private static final Pattern CYCLE_REFERENCE = Pattern.compile("dev\\.glsmon\\.poller\\.cycle\\b[.\\w*]*");

    @Test
    void theSdkEdgeReferencesNothingOfTheCycles() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(AWS_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        Map<String, List<String>> offenders = offenders(sources);

        assertThat(sources).as("aws/ sources under %s", AWS_SOURCES.toAbsolutePath())
                .extracting(f -> f.getFileName().toString())
                .contains("AwsClientFactory.java", "ListingPage.java");
        assertThat(offenders).as("aws/ classes that reference cycle/").isEmpty();
    }

    /** What the edge reads of the configuration must not pull the cycles in through the back door either. */
    @Test
    void theConfigurationTheSdkEdgeReadsReferencesNothingOfTheCycles() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/glsmon/poller/config"))) {
            sources = Stream.concat(files.filter(f -> f.toString().endsWith(".java")),
                    Stream.of(Path.of("src/main/java/dev/glsmon/poller/PollerConfig.java"))).toList();
        }
        Map<String, List<String>> offenders = offenders(sources);

        assertThat(sources).extracting(f -> f.getFileName().toString())
                .contains("PollerConfig.java", "PollerSettings.java", "FastLaneSettings.java");
        assertThat(offenders).as("configuration classes that reference cycle/").isEmpty();
    }

    @Test
    void theScanSeesImportsStaticImportsAndQualifiedNames() {
        String source = """
                package dev.glsmon.poller.aws;
                import dev.glsmon.poller.cycle.PollerMetrics;
                import static dev.glsmon.poller.cycle.Sources.*;
                import dev.glsmon.poller.cycles.Unrelated;
                class X { Object m = new dev.glsmon.poller.cycle.SessionMemory(); }
                """;

        assertThat(cycleReferences(source)).containsExactly("dev.glsmon.poller.cycle.PollerMetrics",
                "dev.glsmon.poller.cycle.Sources.*", "dev.glsmon.poller.cycle.SessionMemory");
    }

    private static Map<String, List<String>> offenders(List<Path> sources) throws IOException {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path source : sources) {
            List<String> references = cycleReferences(Files.readString(source));
            if (!references.isEmpty()) {
                offenders.put(source.getFileName().toString(), references);
            }
        }
        return offenders;
    }

    private static List<String> cycleReferences(String source) {
        Matcher matcher = CYCLE_REFERENCE.matcher(source);
        return matcher.results().map(r -> r.group()).toList();
    }
}
