package dev.glsmon.schemas;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Resolves the fingerprint in a single-object encoded record to the schema that wrote it: every
 * committed version of every contract type, so a record written by an older glsmon still decodes.
 */
public final class GlsmonSchemaStore {

    private static final SchemaStore.Cache INSTANCE = build();

    private GlsmonSchemaStore() {}

    /** Immutable after construction; shared because building it parses every .avsc once. */
    public static SchemaStore instance() {
        return INSTANCE;
    }

    private static SchemaStore.Cache build() {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        SchemaHistory.ofContract().all().values().forEach(versions -> versions.forEach(cache::addSchema));
        GlsmonSchemas.types().forEach(type -> cache.addSchema(GlsmonSchemas.currentSchema(type)));
        return cache;
    }

    public static Schema find(long fingerprint) {
        return INSTANCE.findByFingerprint(fingerprint);
    }
}
