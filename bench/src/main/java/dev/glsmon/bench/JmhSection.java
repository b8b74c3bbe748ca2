package dev.glsmon.bench;

import dev.glsmon.bench.jmh.DetectionBenchmark;
import dev.glsmon.bench.jmh.SerdeBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** 2. JMH micro-benchmarks, each next to its baseline from the same JMH run. */
final class JmhSection implements BenchSection {

    /** benchmark method -> its baseline method. */
    private final Map<String, String> pairs;
    private final List<String> includes;

    JmhSection(List<String> includes, Map<String, String> pairs) {
        this.includes = includes;
        this.pairs = pairs;
    }

    /** Transition detection and the serde, each next to its baseline (bench/README.md says why these). */
    static JmhSection all() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("detectNoChange", "decodeSnapshotBaseline");
        pairs.put("detectTransition", "decodeSnapshotBaseline");
        pairs.put("encodeGlsmonSerde", "encodeAvroBaseline");
        pairs.put("decodeGlsmonSerde", "decodeAvroBaseline");
        return new JmhSection(List.of(DetectionBenchmark.class.getName(), SerdeBenchmark.class.getName()), pairs);
    }

    @Override
    public String name() {
        return "2. JMH";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Size size = context.size();
        OptionsBuilder builder = new OptionsBuilder();
        includes.forEach(include -> builder.include(include.replace(".", "\\.") + ".*"));
        Options options = builder
                .forks(size.jmhForks())
                .warmupIterations(size.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(size.jmhIterationMillis()))
                .measurementIterations(size.jmhIterations())
                .measurementTime(TimeValue.milliseconds(size.jmhIterationMillis()))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, RunResult> byMethod = runs.stream().collect(Collectors.toMap(
                run -> run.getParams().getBenchmark().substring(run.getParams().getBenchmark().lastIndexOf('.') + 1),
                Function.identity()));
        List<BenchResult> results = new ArrayList<>();
        pairs.forEach((method, baseline) -> {
            RunResult ours = byMethod.get(method);
            RunResult base = byMethod.get(baseline);
            results.add(BenchResult.of(name(), method, score(ours), "ns/op", baseline, score(base), "lower")
                    .withNote(String.format("±%.1f / ±%.1f ns (99.9%%)", error(ours), error(base))));
        });
        return results;
    }

    private static double score(RunResult run) {
        return run.getPrimaryResult().getScore();
    }

    private static double error(RunResult run) {
        return run.getPrimaryResult().getScoreError();
    }
}
