package dev.glsmon.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputUriTemplateTest {

    @Test
    void resolvesRuleAndLocationUnderTheAllowList() {
        OutputUriTemplate policy = OutputUriTemplate.of("s3://exports/glsmon/{location}/{rule}/", List.of("s3://exports/glsmon"));

        assertThat(policy.resolve(ExportRule.CLIENT_DISCONNECT, "us-east-1"))
                .contains("s3://exports/glsmon/us-east-1/client-disconnect/");
    }

    @Test
    void refusesSubstitutedValuesThatWouldLeadElsewhere() {
        OutputUriTemplate policy = OutputUriTemplate.of("s3://exports/glsmon/{location}/", List.of("s3://exports/glsmon/"));

        assertThat(policy.resolve(ExportRule.SAMPLE, "..")).isEmpty();
        assertThat(policy.resolve(ExportRule.SAMPLE, "a/../../b")).isEmpty();
        assertThat(policy.resolve(ExportRule.SAMPLE, "with space")).isEmpty();
        assertThat(policy.resolve(ExportRule.SAMPLE, null)).isEmpty();
    }

    @Test
    void comparesPrefixesSegmentBySegment() {
        assertThatThrownBy(() -> OutputUriTemplate.of("s3://exports/glsmon-other/", List.of("s3://exports/glsmon")))
                .hasMessageContaining("not under any allowed prefix");
        assertThatThrownBy(() -> OutputUriTemplate.of("s3://exports-evil/x/", List.of("s3://exports")))
                .hasMessageContaining("not under any allowed prefix");
        assertThat(OutputUriTemplate.of("s3://exports/x/", List.of("s3://exports")).resolve(ExportRule.SAMPLE, "l"))
                .contains("s3://exports/x/");
    }

    @Test
    void rejectsAllowedPrefixesThatAreNotS3() {
        assertThatThrownBy(() -> OutputUriTemplate.of("s3://exports/x/", List.of("https://exports/")))
                .hasMessageContaining("is not an s3://bucket[/prefix] URI");
        assertThatThrownBy(() -> OutputUriTemplate.of("s3://exports/x/", List.of()))
                .hasMessageContaining("no allowed prefix");
        assertThatThrownBy(() -> OutputUriTemplate.of("s3://exports/{user}/", List.of("s3://exports/")))
                .hasMessageContaining("may only hold {rule} and {location}");
    }
}
