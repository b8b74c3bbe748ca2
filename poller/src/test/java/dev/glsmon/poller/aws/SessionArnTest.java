package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionArnTest {

    @Test
    void derivesStreamGroupAndSessionFromTheArn() {
        SessionArn arn = SessionArn.require(
                "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567");

        assertThat(arn.partition()).isEqualTo("aws");
        assertThat(arn.region()).isEqualTo("us-west-2");
        assertThat(arn.account()).isEqualTo("111122223333");
        assertThat(arn.streamGroupId()).isEqualTo("sg-1AB2C3De4");
        assertThat(arn.sessionId()).isEqualTo("ABC123def4567");
    }

    @Test
    void acceptsOtherPartitions() {
        assertThat(SessionArn.parse("arn:aws-cn:gameliftstreams:cn-north-1:1:streamsession/sg-x/s1"))
                .get().extracting(SessionArn::streamGroupId).isEqualTo("sg-x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sg-1AB2C3De4/ABC123def4567",
        "arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-1AB2C3De4",
        "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4",
        "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1/s/extra",
        "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession//ABC",
        "arn:aws:s3:us-west-2:111122223333:streamsession/sg-1/ABC",
        "arn::gameliftstreams:us-west-2:111122223333:streamsession/sg-1/ABC"
    })
    void refusesAnythingButAStreamSessionArn(String text) {
        assertThat(SessionArn.parse(text)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(SessionArn.parse(null)).isEmpty();
        assertThatThrownBy(() -> SessionArn.require("nope")).hasMessageContaining("nope");
    }
}
