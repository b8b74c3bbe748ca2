package dev.glsmon.bench;

import java.util.List;

/** A fixed-width table of results for the terminal and the README. */
final class ResultTable {

    private ResultTable() {}

    static String render(List<BenchResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| section | figure | value | baseline | baseline value | ratio | note |\n");
        table.append("| --- | --- | ---: | --- | ---: | ---: | --- |\n");
        for (BenchResult r : results) {
            table.append(String.format("| %s | %s | %s %s | %s | %s %s | %.2f (%s is better) | %s |%n",
                    r.section(), r.name(), number(r.value()), r.unit(), r.baselineName(), number(r.baseline()), r.unit(),
                    r.ratio(), r.better(), r.note()));
        }
        return table.toString();
    }

    private static String number(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format("%,.0f", value);
        }
        return String.format("%.2f", value);
    }
}
