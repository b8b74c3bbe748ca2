package dev.glsmon.common.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every case of the poller's and the processor's former policies, in one table. */
class OutputUriPolicyTest {

    private static final OutputUriPolicy POLICY = OutputUriPolicy.of(List.of(
            "s3://glsmon-exports/crashes/", "s3://team-bucket", "s3://exports/glsmon"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // allowed: a prefix (the service names the zip) or a .zip under an allowed prefix
        "s3://glsmon-exports/crashes/                      | ALLOWED",
        "s3://glsmon-exports/crashes/sg-1/session.zip      | ALLOWED",
        "s3://glsmon-exports/crashes/sg-1/SESSION.ZIP      | ALLOWED",
        "s3://team-bucket/any/prefix/                      | ALLOWED",
        "s3://team-bucket/x.zip                            | ALLOWED",
        "s3://team-bucket/                                 | ALLOWED",
        "s3://exports/glsmon/us-east-1/client-disconnect/  | ALLOWED",
        "s3://exports/glsmon/                              | ALLOWED",
        // the form
        "NULL                                              | no OutputUri",
        "''                                                | no OutputUri",
        "https://glsmon-exports/crashes/x.zip              | not an s3:// URI",
        "S3://team-bucket/x.zip                            | not an s3:// URI",
        "s3:///x.zip                                       | no valid bucket name",
        "s3://Team-Bucket/x.zip                            | no valid bucket name",
        "s3://ab/x.zip                                     | no valid bucket name",
        "s3://team..bucket/x.zip                           | no valid bucket name",
        "s3://team-bucket/x .zip                           | character",
        "s3://team-bucket/x?.zip                           | character",
        "s3://team-bucket/x#.zip                           | character",
        "s3://team-bucket/a\\b.zip                         | character",
        "s3://team-bucket/crashes/../../x.zip              | relative path segment",
        "s3://exports/glsmon/../other/                     | relative path segment",
        "s3://exports/glsmon/./x/                          | relative path segment",
        "s3://exports/glsmon//x/                           | empty path segment",
        "s3://team-bucket/x.tar                            | must name a .zip file or end with /",
        "s3://team-bucket/x.Zip                            | must name a .zip file or end with /",
        "s3://team-bucket                                  | must name a .zip file or end with /",
        // the allow-list, segment by segment
        "s3://glsmon-exports/other/x.zip                   | not under any allowed prefix",
        "s3://glsmon-exports/crashes-evil/x.zip            | not under any allowed prefix",
        "s3://team-bucket-evil/x.zip                       | not under any allowed prefix",
        "s3://exports/glsmon-other/                        | not under any allowed prefix",
        "s3://exports-evil/x/                              | not under any allowed prefix",
    })
    void decides(String uri, String expected) {
        if (expected.equals("ALLOWED")) {
            assertThat(POLICY.refusal(uri)).isEmpty();
            assertThat(POLICY.allows(uri)).isTrue();
        } else {
            assertThat(POLICY.refusal(uri)).get().asString().contains(expected);
        }
    }

    @Test
    void aUriLongerThanTheModelAllowsIsRefused() {
        String uri = "s3://team-bucket/" + "a".repeat(OutputUriPolicy.MAX_LENGTH) + "/";
        assertThat(POLICY.refusal(uri)).get().asString().contains("longer than 1024");
    }

    @Test
    void anEmptyAllowListRefusesEveryUriAndNamesTheSetting() {
        assertThat(OutputUriPolicy.of(List.of()).refusal("s3://b-1/x.zip")).get().asString()
                .contains("--export-allowed-prefixes");
    }

    @ParameterizedTest
    @CsvSource({"https://exports/", "s3://", "s3:///x", "s3://Exports/x", "s3://exports/../x"})
    void anAllowedPrefixMustItselfBeAnS3Uri(String prefix) {
        assertThatThrownBy(() -> OutputUriPolicy.of(List.of(prefix)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + prefix + "' is not an s3://bucket[/prefix] URI");
    }
}
