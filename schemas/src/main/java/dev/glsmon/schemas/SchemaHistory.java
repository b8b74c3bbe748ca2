package dev.glsmon.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * Every committed version of every glsmon schema, read from the classpath
 * ({@code glsmon/avro-history/<Name>/v<N>.avsc}, copied there from {@code src/main/avro-history}).
 *
 * <p>Versions are numbered from 1 without gaps; the highest one must equal the current schema
 * (the {@link SchemaCompatibilityCheck} enforces it), so a change to an {@code .avsc} file always
 * leaves its predecessor behind.
 */
public final class SchemaHistory {

    private static final String HISTORY_ROOT = "glsmon/avro-history/";
    private static final String CURRENT_ROOT = "glsmon/avro/";

    private final Map<String, List<Schema>> versionsByName;

    private SchemaHistory(Map<String, List<Schema>> versionsByName) {
        this.versionsByName = versionsByName;
    }

    /** Loads the history of the given record names from this jar's classpath. */
    public static SchemaHistory load(Iterable<String> recordNames) {
        Map<String, List<Schema>> byName = new TreeMap<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (String name : recordNames) {
            List<Schema> versions = new ArrayList<>();
            for (int v = 1; ; v++) {
                String text = readResource(loader, HISTORY_ROOT + name + "/v" + v + ".avsc");
                if (text == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(text));
            }
            byName.put(name, List.copyOf(versions));
        }
        return new SchemaHistory(byName);
    }

    /** The history of every record type of the topic contract. */
    public static SchemaHistory ofContract() {
        return load(GlsmonSchemas.recordNames());
    }

    /** The .avsc file of the current version, as shipped in the jar (null if missing). */
    public static Schema currentFromAvsc(String name) {
        String text = readResource(SchemaHistory.class.getClassLoader(), CURRENT_ROOT + name + ".avsc");
        return text == null ? null : new Schema.Parser().parse(text);
    }

    /** Oldest first. Empty if the type has no history. */
    public List<Schema> versions(String name) {
        return versionsByName.getOrDefault(name, List.of());
    }

    public Map<String, List<Schema>> all() {
        return versionsByName;
    }

    private static String readResource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + path, e);
        }
    }
}
