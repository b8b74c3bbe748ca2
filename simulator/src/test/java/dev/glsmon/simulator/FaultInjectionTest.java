package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.InternalServerException;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;

class FaultInjectionTest {

    private final SimulatorFixture f = new SimulatorFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theSdkRetriesAThrottledCallAndEachAttemptIsCounted() {
        SessionView s = f.session(SessionStatus.CONNECTED);
        f.sim.faults().set(ApiOperation.GET_STREAM_SESSION, OperationFaults.NONE.withThrottleProbability(1));
        try (GameLiftStreamsClient retrying = Sdk.retryingClient(f.sim)) {
            assertThatThrownBy(() -> retrying.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())))
                    .isInstanceOf(ThrottlingException.class);
        }

        long attempts = f.sim.requests().count(ApiOperation.GET_STREAM_SESSION, 429);
        assertThat(attempts).isGreaterThan(1).isEqualTo(f.sim.requests().count(ApiOperation.GET_STREAM_SESSION));
        assertThat(f.client.listStreamSessions(r -> r.identifier(f.group.id())).items())
                .as("other operations unaffected").hasSize(1);
    }

    @Test
    void aThrottleProbabilityThrottlesAShareOfCalls() {
        f.sim.faults().setDefault(OperationFaults.NONE.withThrottleProbability(0.5));
        int throttled = 0;
        for (int i = 0; i < 200; i++) {
            try {
                f.client.listStreamSessionsByAccount(r -> r.maxResults(1));
            } catch (ThrottlingException e) {
                throttled++;
            }
        }

        assertThat(throttled).isBetween(60, 140);
        assertThat(f.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT, 429)).isEqualTo(throttled);
    }

    @Test
    void aFailingPageStopsThePaginatorAfterTheEarlierPages() {
        List<String> groups = f.sim.control().populate(1_000, 1);
        f.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withFailPage(3));
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> f.client.listStreamSessionsPaginator(r -> r.identifier(groups.get(0)).maxResults(100))
                .items().forEach(i -> seen.add(i.arn())))
                .isInstanceOf(InternalServerException.class);
        assertThat(seen).hasSize(200);
        assertThat(f.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS, 200)).isEqualTo(2);
        assertThat(f.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS, 500)).isEqualTo(1);

        f.sim.faults().clear();
        assertThat(f.client.listStreamSessionsPaginator(r -> r.identifier(groups.get(0)).maxResults(100)).items().stream().count())
                .isEqualTo(1_000);
    }

    @Test
    void aTruncatedBodyFailsToParseInTheSdk() {
        f.session(SessionStatus.CONNECTED);
        f.sim.faults().setDefault(OperationFaults.NONE.withMalformed(1, Malformation.TRUNCATED_JSON));

        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(f.group.id())))
                .isInstanceOf(SdkClientException.class)
                .isNotInstanceOf(SdkServiceException.class);
    }

    @Test
    void unknownExtraFieldsAreIgnoredByTheSdk() {
        f.session(SessionStatus.CONNECTED);
        ListStreamSessionsResponse clean = f.client.listStreamSessions(r -> r.identifier(f.group.id()));
        f.sim.faults().setDefault(OperationFaults.NONE.withMalformed(1, Malformation.EXTRA_FIELDS));

        ListStreamSessionsResponse noisy = f.client.listStreamSessions(r -> r.identifier(f.group.id()));

        assertThat(noisy.items()).isEqualTo(clean.items());
    }

    @Test
    void missingFieldsReachTheCallerAsNulls() {
        SessionView s = f.session(SessionStatus.CONNECTED);
        f.sim.faults().setDefault(OperationFaults.NONE.withMalformed(1, Malformation.MISSING_FIELDS));

        StreamSessionSummary item = f.client.listStreamSessions(r -> r.identifier(f.group.id())).items().get(0);

        assertThat(item.status()).isNull();
        assertThat(item.arn()).isNull();
        assertThat(item.lastUpdatedAt()).isNull();
        assertThat(item.userId()).isEqualTo(s.userId());
    }

    @Test
    void addedLatencyCanExceedTheSdkAttemptTimeout() {
        f.sim.faults().set(ApiOperation.LIST_STREAM_GROUPS, OperationFaults.NONE.withLatencyMillis(3_000));
        try (GameLiftStreamsClient impatient = GameLiftStreamsClient.builder()
                .endpointOverride(f.sim.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_WEST_2)
                .credentialsProvider(Sdk.DUMMY_CREDENTIALS)
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(300))
                        .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build()) {
            assertThatThrownBy(() -> impatient.listStreamGroups(r -> r.maxResults(10)))
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
        }
    }

    @Test
    void enforcedRateLimitsThrottleABurst() {
        SessionView s = f.session(SessionStatus.CONNECTED);
        f.sim.faults().enforceRateLimits(true);

        // 20 requests per second: 1,000 back-to-back calls cannot all fit unless they took 50 seconds
        boolean throttled = false;
        for (int i = 0; i < 1_000 && !throttled; i++) {
            try {
                f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id()));
            } catch (ThrottlingException e) {
                throttled = true;
            }
        }

        assertThat(throttled).isTrue();
    }

    @Test
    void enforcedRateLimitsThrottleStreamGroupCallsAtTheirOwnLimit() {
        f.sim.faults().enforceRateLimits(true);
        f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(f.session(SessionStatus.CONNECTED).id()));

        // 10 per second: a burst of 1,000 is throttled, while the session operations' own buckets stay untouched
        int answered = 0;
        boolean throttled = false;
        for (int i = 0; i < 1_000 && !throttled; i++) {
            try {
                f.client.getStreamGroup(r -> r.identifier(f.group.id()));
                answered++;
            } catch (ThrottlingException e) {
                throttled = true;
            }
        }

        assertThat(throttled).isTrue();
        assertThat(answered).isGreaterThanOrEqualTo(ApiOperation.GET_STREAM_GROUP.ratePerSecond());
        assertThat(ApiOperation.GET_STREAM_GROUP.ratePerSecond()).isEqualTo(10);
        assertThat(ApiOperation.LIST_STREAM_GROUPS.ratePerSecond()).isEqualTo(10);
    }

    @Test
    void faultsCanBeFlippedThroughTheAdminEndpoint() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI faults = URI.create(f.sim.endpoint() + "/_glsmon/faults");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(faults)
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"operations\": {\"ListStreamSessionsByAccount\": {\"serverErrorProbability\": 1.0}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(f.sim.faults().settings().forOperation(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT).serverErrorProbability())
                .isEqualTo(1.0);
        assertThatThrownBy(() -> f.client.listStreamSessionsByAccount(r -> r.maxResults(1)))
                .isInstanceOf(InternalServerException.class);
        assertThat(http.send(HttpRequest.newBuilder(faults).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("\"ListStreamSessionsByAccount\":{", "\"serverErrorProbability\":1.0");

        http.send(HttpRequest.newBuilder(faults).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(f.client.listStreamSessionsByAccount(r -> r.maxResults(1)).items()).isEmpty();
    }

    @Test
    void theAdminEndpointRefusesBadFaultSettings() throws Exception {
        HttpResponse<String> put = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(f.sim.endpoint() + "/_glsmon/faults"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"default\": {\"throttleProbability\": 2}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("throttleProbability");
        assertThat(f.sim.faults().settings()).isEqualTo(FaultSettings.NONE);
    }
}
