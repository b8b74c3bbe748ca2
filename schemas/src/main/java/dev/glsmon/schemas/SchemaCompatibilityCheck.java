package dev.glsmon.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The rule every schema change must pass: the current schema reads what every earlier version
 * wrote (backward) and every earlier version reads what the current one writes (forward), and the
 * current schema is itself recorded as the newest version of its history.
 *
 * <p>Run by the build (a test in this module) and usable on any pair of schemas.
 */
public final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {}

    /** Problems with one type: empty when the current schema may ship. */
    public static List<String> check(String name, Schema current, List<Schema> history) {
        List<String> problems = new ArrayList<>();
        if (history.isEmpty()) {
            problems.add(name + ": no committed version under avro-history/" + name + "/ (add v1.avsc = the current schema)");
            return problems;
        }
        Schema newest = history.get(history.size() - 1);
        if (AvroSerde.fingerprintOf(newest) != AvroSerde.fingerprintOf(current)) {
            problems.add(name + ": the current schema is not the newest committed version; copy it to avro-history/"
                    + name + "/v" + (history.size() + 1) + ".avsc");
        }
        for (int i = 0; i < history.size(); i++) {
            problems.addAll(checkPair(name + " v" + (i + 1), history.get(i), current));
        }
        return problems;
    }

    /** Backward and forward compatibility of {@code current} against one {@code previous} version. */
    public static List<String> checkPair(String label, Schema previous, Schema current) {
        List<String> problems = new ArrayList<>();
        var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, previous);
        if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(label + ": the current schema cannot read it (not backward compatible): "
                    + backward.getResult().getIncompatibilities());
        }
        var forward = SchemaCompatibility.checkReaderWriterCompatibility(previous, current);
        if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(label + ": it cannot read the current schema (not forward compatible): "
                    + forward.getResult().getIncompatibilities());
        }
        return problems;
    }

    /** Every contract type against its whole history. */
    public static List<String> checkContract() {
        SchemaHistory history = SchemaHistory.ofContract();
        List<String> problems = new ArrayList<>();
        for (var type : GlsmonSchemas.types()) {
            String name = type.getSimpleName();
            Schema current = GlsmonSchemas.currentSchema(type);
            Schema shipped = SchemaHistory.currentFromAvsc(name);
            if (shipped == null || AvroSerde.fingerprintOf(shipped) != AvroSerde.fingerprintOf(current)) {
                problems.add(name + ": generated class does not match src/main/avro/" + name + ".avsc (rebuild)");
            }
            problems.addAll(check(name, current, history.versions(name)));
        }
        return problems;
    }
}
