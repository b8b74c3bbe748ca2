package dev.glsmon.bench;

/**
 * One measured figure next to the baseline measured in the same run. {@code ratio} is
 * value / baseline, so its meaning depends on the unit: for ns/op lower is better, for records/s
 * higher is better; {@code better} says which.
 */
public record BenchResult(
        String section, String name, double value, String unit, String baselineName, double baseline, String better,
        String note) {

    public double ratio() {
        return baseline == 0 ? Double.NaN : value / baseline;
    }

    public static BenchResult of(String section, String name, double value, String unit,
            String baselineName, double baseline, String better) {
        return new BenchResult(section, name, value, unit, baselineName, baseline, better, "");
    }

    public BenchResult withNote(String text) {
        return new BenchResult(section, name, value, unit, baselineName, baseline, better, text);
    }
}
