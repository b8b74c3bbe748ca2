package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SummaryRendererTest {

    @Test
    void showsSessionsPerStatusAndLocationWithErrorRatiosTransitionsAndExports() {
        TreeMap<String, TreeMap<String, Long>> sessions = new TreeMap<>();
        sessions.put("us-west-2", new TreeMap<>(Map.of("CONNECTED", 40L, "ACTIVE", 5L, "TERMINATED", 99L)));
        sessions.put("eu-central-1", new TreeMap<>(Map.of("ACTIVATING", 3L, "HIBERNATING", 1L)));
        Summary summary = new Summary(Duration.ofSeconds(3725), "2026-11-23T10:05:00Z",
                new TreeMap<>(sessions), 12.5, 1234,
                new TreeMap<>(Map.of("us-west-2", 0.4)), new TreeMap<>(Map.of("us-west-2", 0.125)),
                Map.of("CLIENT_DISCONNECT", 3L), Map.of("REQUESTED", 2L, "SKIPPED_NOT_IN_PROGRESS", 1L), 50, 1, 0);

        String text = SummaryRenderer.render(summary);

        assertThat(text).contains("up 1:02:05").contains("virtual time 2026-11-23T10:05:00Z");
        assertThat(text).containsPattern("total\\s+error 5m\\s+unknown 5m\\n");
        assertThat(text).containsPattern("us-west-2\\s+0\\s+5\\s+40\\s+0\\s+0\\s+0\\s+0\\s+45\\s+40.0%\\s+12.5%\\n");
        assertThat(text).containsPattern("eu-central-1\\s+3\\s+0\\s+0\\s+0\\s+0\\s+0\\s+1\\s+4\\s+-\\s+-\\n");
        assertThat(text).contains("HIBERNATING").doesNotContain("TERMINATED");
        assertThat(text).contains("transitions 12.5/s (1234 in all)");
        assertThat(text).contains("commands CLIENT_DISCONNECT=3").contains("results REQUESTED=2 SKIPPED_NOT_IN_PROGRESS=1");
    }

    @Test
    void showsTheUnknownShareBesideTheErrorRatioOfEachLocation() {
        TreeMap<String, TreeMap<String, Long>> sessions = new TreeMap<>();
        sessions.put("ap-northeast-1", new TreeMap<>(Map.of("CONNECTED", 10L)));
        Summary summary = new Summary(Duration.ofSeconds(60), "-", new TreeMap<>(sessions), 0, 0,
                // ap-northeast-1: every end known and fine; eu-central-1: every end VANISHED, 0 errors among 0 known ends
                new TreeMap<>(Map.of("ap-northeast-1", 0.0, "eu-central-1", 0.0)),
                new TreeMap<>(Map.of("ap-northeast-1", 0.0, "eu-central-1", 1.0)),
                Map.of(), Map.of(), 1, 0, 0);

        String text = SummaryRenderer.render(summary);

        assertThat(text).containsPattern("ap-northeast-1(\\s+\\d+){7}\\s+0.0%\\s+0.0%\\n");
        assertThat(text).containsPattern("eu-central-1(\\s+\\d+){7}\\s+0.0%\\s+100.0%\\n");
    }
}
