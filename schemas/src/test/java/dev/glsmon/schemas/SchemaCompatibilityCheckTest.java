package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The build's schema rule: this test fails the build when a committed schema change breaks it. */
class SchemaCompatibilityCheckTest {

    @Test
    void everyCurrentSchemaIsBackwardAndForwardCompatibleWithItsHistory() {
        assertThat(SchemaCompatibilityCheck.checkContract()).isEmpty();
    }

    @Test
    void everyTypeHasAHistory() {
        SchemaHistory history = SchemaHistory.ofContract();
        assertThat(GlsmonSchemas.recordNames()).allSatisfy(name -> assertThat(history.versions(name)).isNotEmpty());
    }

    @Test
    void rejectsANewRequiredFieldWithoutDefault() {
        Schema previous = SchemaHistory.ofContract().versions("PollCycle").get(0);
        Schema current = withField(previous, "{\"name\":\"shard\",\"type\":\"int\"}");

        List<String> problems = SchemaCompatibilityCheck.check("PollCycle", current, List.of(previous, current));

        assertThat(problems).singleElement().asString().contains("not backward compatible");
    }

    @Test
    void rejectsAChangedFieldType() {
        Schema previous = SchemaHistory.ofContract().versions("PollCycle").get(0);
        Schema current = new Schema.Parser().parse(previous.toString().replace(
                "{\"name\":\"sessionCount\",\"type\":\"int\"", "{\"name\":\"sessionCount\",\"type\":\"string\""));

        List<String> problems = SchemaCompatibilityCheck.check("PollCycle", current, List.of(previous, current));

        assertThat(problems).hasSize(2).anySatisfy(p -> assertThat(p).contains("not forward compatible"));
    }

    @Test
    void rejectsARemovedFieldWithoutDefaultAsNotForwardCompatible() {
        Schema previous = SchemaHistory.ofContract().versions("PollCycle").get(0);
        Schema current = new Schema.Parser().parse(previous.toString()
                .replace(",{\"name\":\"sessionCount\",\"type\":\"int\",\"doc\":\"Sessions the listing returned for the stream group in this cycle (all partitions)\"}", ""));
        assertThat(current.getField("sessionCount")).isNull();

        List<String> problems = SchemaCompatibilityCheck.check("PollCycle", current, List.of(previous, current));

        assertThat(problems).singleElement().asString().contains("not forward compatible");
    }

    @Test
    void acceptsAnOptionalFieldWithDefault() {
        Schema previous = SchemaHistory.ofContract().versions("PollCycle").get(0);
        Schema current = withField(previous, "{\"name\":\"shard\",\"type\":[\"null\",\"int\"],\"default\":null}");

        assertThat(SchemaCompatibilityCheck.check("PollCycle", current, List.of(previous, current))).isEmpty();
    }

    @Test
    void rejectsAChangeNotRecordedInTheHistory() {
        Schema previous = SchemaHistory.ofContract().versions("PollCycle").get(0);
        Schema current = withField(previous, "{\"name\":\"shard\",\"type\":[\"null\",\"int\"],\"default\":null}");

        assertThat(SchemaCompatibilityCheck.check("PollCycle", current, List.of(previous)))
                .singleElement().asString().contains("copy it to avro-history/PollCycle/v2.avsc");
    }

    private static Schema withField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int end = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }
}
