package dev.glsmon.poller.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutputUriPolicyTest {

    private final OutputUriPolicy policy = new OutputUriPolicy(List.of("s3://glsmon-exports/crashes/", "s3://team-bucket"));

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://glsmon-exports/crashes/",
        "s3://glsmon-exports/crashes/sg-1/session.zip",
        "s3://team-bucket/any/prefix/",
        "s3://team-bucket/x.zip"
    })
    void allowsS3UrisUnderTheAllowList(String uri) {
        assertThat(policy.refusal(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://glsmon-exports/crashes/x.zip",
        "s3://glsmon-exports/other/x.zip",
        "s3://glsmon-exports/crashes-evil/x.zip",
        "s3://team-bucket-evil/x.zip",
        "s3://team-bucket/crashes/../../x.zip",
        "s3://team-bucket/x.tar",
        "s3://Team-Bucket/x.zip",
        "s3:///x.zip",
        "s3://team-bucket/x .zip",
        ""
    })
    void refusesEverythingElse(String uri) {
        assertThat(policy.refusal(uri)).isPresent();
    }

    @Test
    void anEmptyAllowListRefusesEveryUri() {
        assertThat(new OutputUriPolicy(List.of()).refusal("s3://b-1/x.zip")).get().asString().contains("allow-list");
        assertThat(policy.refusal(null)).isPresent();
    }
}
