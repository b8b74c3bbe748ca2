package dev.glsmon.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArnsTest {

    @Test
    void buildsAndParsesTheDocumentedForms() {
        String arn = Arns.streamSession("us-west-2", "111122223333", "sg-1AB2C3De4", "ABC123def4567");

        assertThat(arn).isEqualTo("arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567");
        assertThat(Arns.parseSession(arn)).isEqualTo(new Arns.SessionRef("ABC123def4567", "sg-1AB2C3De4", "us-west-2", "111122223333"));
        assertThat(Arns.parseSession("ABC123def4567")).isEqualTo(new Arns.SessionRef("ABC123def4567", null, null, null));
        assertThat(Arns.parseGroup("arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-1AB2C3De4"))
                .isEqualTo(new Arns.GroupRef("sg-1AB2C3De4", "us-west-2", "111122223333"));
        assertThat(Arns.parseGroup("sg-1AB2C3De4")).isEqualTo(new Arns.GroupRef("sg-1AB2C3De4", null, null));
        assertThat(Arns.parseGroup("sg-short")).as("any id of the model's pattern").isNotNull();
        assertThat(Arns.parseGroup("sg_short")).isNull();
        assertThat(Arns.parseGroup("a".repeat(129))).isNull();
        assertThat(Arns.parseSession("bad/id")).isNull();
    }

    @Test
    void generatedIdsHaveTheDocumentedShape() {
        SplittableRandom random = new SplittableRandom(5);

        assertThat(Ids.streamGroupId(random)).matches("sg-[A-Za-z0-9]{9}");
        assertThat(Ids.applicationId(random)).matches("a-[A-Za-z0-9]{9}");
        assertThat(Ids.sessionId(random)).matches("[A-Za-z0-9]{13}");
    }
}
