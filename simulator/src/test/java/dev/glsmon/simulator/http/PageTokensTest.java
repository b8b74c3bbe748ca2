package dev.glsmon.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    private final PageTokens tokens = new PageTokens("secret-one".getBytes(StandardCharsets.UTF_8));

    @Test
    void decodesWhatItEncodedForTheSameQuery() {
        String token = tokens.encode("ListStreamSessions|sg-1|null|null", new PageTokens.Position(4, "sg-1/ABC123def4567"));

        assertThat(tokens.decode("ListStreamSessions|sg-1|null|null", token))
                .isEqualTo(new PageTokens.Position(4, "sg-1/ABC123def4567"));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").doesNotContain("ABC123def4567");
    }

    @Test
    void refusesATokenOfAnotherQuery() {
        String token = tokens.encode("ListStreamSessions|sg-1|null|null", new PageTokens.Position(2, "k"));

        assertThatThrownBy(() -> tokens.decode("ListStreamSessions|sg-2|null|null", token)).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> tokens.decode("ListStreamSessions|sg-1|ACTIVE|null", token)).isInstanceOf(ApiError.class);
    }

    @Test
    void refusesATokenOfAnotherSimulator() {
        String token = new PageTokens("secret-two".getBytes(StandardCharsets.UTF_8))
                .encode("ListStreamGroups", new PageTokens.Position(2, "sg-1"));

        assertThatThrownBy(() -> tokens.decode("ListStreamGroups", token))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.type()).isEqualTo("ValidationException"));
    }

    @Test
    void refusesGarbageAndAlteredTokens() {
        String token = tokens.encode("q", new PageTokens.Position(2, "key"));
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("9\nkey".getBytes(StandardCharsets.UTF_8));

        for (String bad : new String[] {"", ".", "abc", "abc.def", "%%%.%%%", otherPayload + token.substring(token.indexOf('.'))}) {
            assertThatThrownBy(() -> tokens.decode("q", bad)).as(bad).isInstanceOf(ApiError.class);
        }
    }
}
