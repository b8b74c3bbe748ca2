package dev.glsmon.bench;

import java.util.List;

/** One numbered part of the suite (see bench/README.md). */
public interface BenchSection {

    String name();

    List<BenchResult> run(BenchContext context) throws Exception;
}
