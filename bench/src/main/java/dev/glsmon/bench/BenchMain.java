package dev.glsmon.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run [--quick] [--only NAME,...] [--note TEXT]}: runs the suite, writes
 * bench/results/DATE.json, prints a table.
 */
@Command(name = "glsmon-bench", mixinStandardHelpOptions = true,
        description = "glsmon benchmarks; every figure is reported next to a baseline measured in the same run.")
public final class BenchMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Small sizes: every section in a few minutes")
    boolean quick;

    @Option(names = "--tiny", hidden = true, description = "The CI smoke test's sizes: seconds per section")
    boolean tiny;

    @Option(names = "--only", split = ",", description = "Run only sections whose name contains one of these words"
            + " (processor, jmh, poller, latency, memory, scaling, churn, or the number)")
    List<String> only = List.of();

    @Option(names = "--results-dir", defaultValue = "bench/results", description = "Default: ${DEFAULT-VALUE}")
    Path resultsDir;

    @Option(names = "--note", defaultValue = "", description = "Said about the run in the results file, e.g. what"
            + " else ran on the machine")
    String note;

    static List<BenchSection> sections() {
        return List.of(new ProcessorThroughputSection(), JmhSection.all(), new PollerSection(),
                new DetectionLatencySection(), new FleetDetectionSection(), new MemorySection(), new ScalingSection(),
                new ChurnSection(), new SnapshotVolumeSection());
    }

    Size size() {
        return tiny ? Size.TINY : quick ? Size.QUICK : Size.FULL;
    }

    @Override
    public Integer call() throws Exception {
        List<BenchResult> results = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        try (BenchContext context = new BenchContext(size())) {
            for (BenchSection section : sections()) {
                if (!selected(section)) {
                    continue;
                }
                long start = System.nanoTime();
                LOG.info("section {} ({} size)", section.name(), size().name());
                List<BenchResult> found = section.run(context);
                results.addAll(found);
                LOG.info("section {} done in {} s", section.name(), (System.nanoTime() - start) / 1_000_000_000);
                out.print(ResultTable.render(found));
                out.flush();
            }
        }
        out.println();
        out.println(ResultTable.render(results));
        Path file = write(results);
        out.println("results: " + file);
        out.flush();
        return 0;
    }

    private boolean selected(BenchSection section) {
        String name = section.name().toLowerCase();
        return only.isEmpty() || only.stream().anyMatch(word -> name.contains(word.toLowerCase()));
    }

    private Path write(List<BenchResult> results) throws Exception {
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(LocalDate.now() + (size() == Size.FULL ? "" : "-" + size().name()) + ".json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", java.time.Instant.now().toString());
        document.put("size", size().name());
        document.put("note", note);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryBytes", physicalMemory());
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        document.put("machine", machine);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("section", r.section());
            row.put("name", r.name());
            row.put("value", r.value());
            row.put("unit", r.unit());
            row.put("baseline", r.baselineName());
            row.put("baselineValue", r.baseline());
            row.put("ratio", r.ratio());
            row.put("better", r.better());
            row.put("note", r.note());
            rows.add(row);
        }
        document.put("results", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        return file;
    }

    private static long physicalMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
