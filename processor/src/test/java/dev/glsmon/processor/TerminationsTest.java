package dev.glsmon.processor;

import static dev.glsmon.processor.Steps.cycle;
import static dev.glsmon.processor.Steps.get;
import static dev.glsmon.processor.Steps.gone;
import static dev.glsmon.processor.Steps.s;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionTermination;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARCHITECTURE.md "Termination": one per session, with reason, category, duration and location. */
class TerminationsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "TERMINATED, applicationExit,                  APPLICATION_CRASH",
        "ERROR,      placementTimeout,                 CAPACITY",
        "ERROR,      internalError,                    PLATFORM",
        "ERROR,      applicationLogS3DestinationError, PLATFORM",
        "TERMINATED, connectionTimeout,                CLIENT",
        "TERMINATED, reconnectionTimeout,              CLIENT",
        "ERROR,      invalidSignalRequest,             CLIENT",
        "TERMINATED, apiTerminated,                    NORMAL",
        "TERMINATED, idleTimeout,                      NORMAL",
        "TERMINATED, maxSessionLengthTimeout,          NORMAL",
        "TERMINATED, someReasonFromANewerApi,          UNKNOWN",
    })
    void categorisesTheReason(String status, String reason, String category) {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), s(status, reason, 60)));

            assertThat(fixture.terminations()).singleElement().satisfies(t -> {
                assertThat(t.getStatus()).isEqualTo(status);
                assertThat(t.getReason()).isEqualTo(reason);
                assertThat(t.getCategory()).isEqualTo(category);
            });
        }
    }

    @Test
    void takesTheMappingFromConfiguration() {
        try (TopologyFixture fixture = new TopologyFixture(Map.of("reason-categories", "idleTimeout=CLIENT"))) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), s("TERMINATED", "idleTimeout", 60)));

            assertThat(fixture.terminations()).singleElement().extracting(SessionTermination::getCategory)
                    .isEqualTo("CLIENT");
        }
    }

    @Test
    void measuresDurationTimeToActiveTimeToConnectedAndReconnects() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("ACTIVATING", 5), s("ACTIVE", 20), s("CONNECTED", 35),
                    s("PENDING_CLIENT_RECONNECTION", 100), s("RECONNECTING", 110), s("CONNECTED", 115),
                    s("PENDING_CLIENT_RECONNECTION", 300), s("RECONNECTING", 310), s("CONNECTED", 320),
                    s("TERMINATING", 600), s("TERMINATED", "apiTerminated", 601)));

            SessionTermination termination = fixture.terminations().get(0);
            assertThat(termination.getArn()).isEqualTo(TopologyFixture.arn(Steps.SESSION));
            assertThat(termination.getLocation()).isEqualTo(TopologyFixture.LOCATION);
            assertThat(termination.getApplicationArn()).isEqualTo(TopologyFixture.APP);
            assertThat(termination.getCreatedAt()).isEqualTo(t(0));
            assertThat(termination.getEndedAt()).isEqualTo(t(601));
            assertThat(termination.getDurationMillis()).isEqualTo(601_000L);
            assertThat(termination.getTimeToActiveMillis()).isEqualTo(20_000L);
            assertThat(termination.getTimeToConnectedMillis()).isEqualTo(35_000L);
            assertThat(termination.getReconnectCount()).isEqualTo(2);
            assertThat(termination.getLastStatusBeforeEnd()).isEqualTo("TERMINATING");
        }
    }

    @Test
    void leavesTimesItDidNotSeeUnknown() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 50), s("TERMINATED", "idleTimeout", 900)));

            SessionTermination termination = fixture.terminations().get(0);
            assertThat(termination.getTimeToActiveMillis()).isNull();
            assertThat(termination.getTimeToConnectedMillis()).isNull();
            assertThat(termination.getDurationMillis()).isEqualTo(900_000L);
        }
    }

    @Test
    void emitsOnlyOneTerminationWhateverFollows() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("ACTIVATING", 0), get("ERROR", "internalError", 10),
                    s("TERMINATED", "apiTerminated", 20), gone("TERMINATED", 20), cycle(), cycle(), cycle()));

            assertThat(fixture.terminations()).singleElement().satisfies(t -> {
                assertThat(t.getStatus()).isEqualTo("ERROR");
                assertThat(t.getReason()).isEqualTo("internalError");
            });
        }
    }

    @Test
    void waitsForTheReasonThatGetStreamSessionBringsAndEmitsOnce() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), s("TERMINATED", 60)));
            assertThat(fixture.terminations()).isEmpty();

            Steps.run(fixture, List.of(cycle(), get("TERMINATED", "applicationExit", 60), cycle(), cycle()));

            assertThat(fixture.terminations()).singleElement().satisfies(t -> {
                assertThat(t.getReason()).isEqualTo("applicationExit");
                assertThat(t.getCategory()).isEqualTo("APPLICATION_CRASH");
                assertThat(t.getEndedAt()).isEqualTo(t(60));
            });
            assertThat(fixture.compactTransitions()).containsExactly(">CONNECTED#1~", "CONNECTED>TERMINATED#2~",
                    "TERMINATED>TERMINATED:applicationExit#3");
        }
    }

    @Test
    void emitsWithoutAReasonWhenTheWaitIsOverAndNeverAgain() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), s("TERMINATED", 60), cycle()));
            assertThat(fixture.terminations()).as("the cycle that saw it end").isEmpty();

            Steps.run(fixture, List.of(cycle()));
            assertThat(fixture.terminations()).singleElement().satisfies(t -> {
                assertThat(t.getReason()).isNull();
                assertThat(t.getCategory()).isEqualTo("UNKNOWN");
            });

            Steps.run(fixture, List.of(get("TERMINATED", "idleTimeout", 60), cycle()));
            assertThat(fixture.terminations()).isEmpty();
            assertThat(fixture.compactTransitions()).endsWith("TERMINATED>TERMINATED:idleTimeout#3");
        }
    }

    @Test
    void doesNotWaitWhenGetStreamSessionGaveNoReasonOrWaitingIsOff() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), get("TERMINATED", null, 60)));
            assertThat(fixture.terminations()).hasSize(1);
        }
        try (TopologyFixture fixture = new TopologyFixture(Map.of("reason-wait-cycles", "0"))) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), s("TERMINATED", 60)));
            assertThat(fixture.terminations()).hasSize(1);
        }
    }

    @Test
    void emitsAWaitingTerminationAtOnceWhenTheSessionIsReportedGone() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("CONNECTED", 0), s("TERMINATED", 60), gone("TERMINATED", 60)));

            assertThat(fixture.terminations()).singleElement().satisfies(t -> {
                assertThat(t.getStatus()).isEqualTo("TERMINATED");
                assertThat(t.getReason()).isNull();
            });
            assertThat(fixture.compactTransitions()).doesNotContain("TERMINATED>VANISHED#3~");
        }
    }

    @Test
    void keysTerminationsByArn() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Steps.run(fixture, List.of(s("ACTIVATING", 0), s("ERROR", "placementTimeout", 30)));

            assertThat(fixture.session(Steps.SESSION).getTerminationEmitted()).isTrue();
            assertThat(fixture.terminations()).extracting(SessionTermination::getArn)
                    .containsExactly(TopologyFixture.arn(Steps.SESSION));
        }
    }
}
