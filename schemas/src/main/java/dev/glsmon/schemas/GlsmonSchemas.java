package dev.glsmon.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The record types of the topic contract, and the processor's internal ones, in one list. */
public final class GlsmonSchemas {

    private static final List<Class<? extends SpecificRecord>> TYPES = List.of(
            SessionSnapshot.class,
            PollCycle.class,
            SessionTransition.class,
            SessionTermination.class,
            LocationErrorRate.class,
            ExportCommand.class,
            ExportResult.class,
            DeadLetter.class,
            StreamGroupAssignment.class,
            StreamGroupSnapshot.class,
            StreamGroupTransition.class,
            // processor-internal: its session-state store and its error-rate repartition topic
            SessionState.class,
            ErrorRateEvent.class);

    private GlsmonSchemas() {}

    public static List<Class<? extends SpecificRecord>> types() {
        return TYPES;
    }

    public static List<String> recordNames() {
        return TYPES.stream().map(Class::getSimpleName).toList();
    }

    public static Schema currentSchema(Class<? extends SpecificRecord> type) {
        return org.apache.avro.specific.SpecificData.get().getSchema(type);
    }
}
