package dev.glsmon.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench/run [--quick] [--only NAME]}: runs the suite, writes bench/results/DATE.json, prints a table. */
@Command(name = "glsmon-bench", mixinStandardHelpOptions = true,
        description = "glsmon benchmarks; every figure is reported next to a baseline measured in the same run.")
public final class BenchMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Short runs: fewer iterations and smaller data")
    boolean quick;

    @Option(names = "--only", split = ",", description = "Run only sections whose name contains one of these words")
    List<String> only = List.of();

    @Option(names = "--results-dir", defaultValue = "bench/results", description = "Default: ${DEFAULT-VALUE}")
    Path resultsDir;

    static List<BenchSection> sections() {
        return List.of(JmhSection.serde());
    }

    @Override
    public Integer call() throws Exception {
        List<BenchResult> results = new ArrayList<>();
        for (BenchSection section : sections()) {
            if (!only.isEmpty() && only.stream().noneMatch(word -> section.name().toLowerCase().contains(word.toLowerCase()))) {
                continue;
            }
            results.addAll(section.run(quick));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(ResultTable.render(results));
        Path file = write(results);
        out.println("results: " + file);
        out.flush();
        return 0;
    }

    private Path write(List<BenchResult> results) throws Exception {
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(LocalDate.now() + (quick ? "-quick" : "") + ".json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", java.time.Instant.now().toString());
        document.put("quick", quick);
        document.put("machine", Map.of(
                "cores", Runtime.getRuntime().availableProcessors(),
                "maxHeapBytes", Runtime.getRuntime().maxMemory(),
                "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
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

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
