package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsByAccountResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

class ListStreamSessionsTest {

    private final SimulatorFixture f = new SimulatorFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void listsTheSessionsOfAStreamGroupByIdOrArn() {
        SessionView a = f.session(SessionStatus.CONNECTED);
        SessionView b = f.session(SessionStatus.ACTIVE);
        StreamGroupView other = f.sim.control().createStreamGroup("other", "us-east-1");
        f.sim.control().createSession(other.id(), "us-east-1", SessionStatus.CONNECTED);

        ListStreamSessionsResponse byId = f.client.listStreamSessions(r -> r.identifier(f.group.id()));
        ListStreamSessionsResponse byArn = f.client.listStreamSessions(r -> r.identifier(f.group.arn()));

        assertThat(byId.items()).extracting(StreamSessionSummary::arn).containsExactlyInAnyOrder(a.arn(), b.arn());
        assertThat(byArn.items()).isEqualTo(byId.items());
        assertThat(byId.nextToken()).isNull();
    }

    @Test
    void summariesCarryTheSessionFields() {
        SessionView s = f.session(SessionStatus.CONNECTED);

        StreamSessionSummary item = f.client.listStreamSessions(r -> r.identifier(f.group.id())).items().get(0);

        assertThat(item.arn()).isEqualTo(s.arn()).matches(
                "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-[A-Za-z0-9]{9}/[A-Za-z0-9]{13}");
        assertThat(item.userId()).isEqualTo(s.userId());
        assertThat(item.status()).isEqualTo(StreamSessionStatus.CONNECTED);
        assertThat(item.protocolAsString()).isEqualTo("WebRTC");
        assertThat(item.location()).isEqualTo(SimulatorFixture.LOCATION);
        assertThat(item.createdAt()).isEqualTo(SimulatorFixture.START);
        assertThat(item.lastUpdatedAt()).isEqualTo(SimulatorFixture.START);
        assertThat(item.applicationArn()).matches("arn:aws:gameliftstreams:us-west-2:111122223333:application/a-[A-Za-z0-9]{9}");
        assertThat(item.exportFilesMetadata()).isNull();
    }

    @Test
    void filtersByStatus() {
        SessionView connected = f.session(SessionStatus.CONNECTED);
        f.session(SessionStatus.ACTIVE);
        f.session(SessionStatus.ACTIVATING);

        List<StreamSessionSummary> items = f.client.listStreamSessions(
                r -> r.identifier(f.group.id()).status(StreamSessionStatus.CONNECTED)).items();

        assertThat(items).extracting(StreamSessionSummary::arn).containsExactly(connected.arn());
    }

    @Test
    void filtersTheAccountWideListingByStatusAcrossStreamGroupsPageByPage() {
        StreamGroupView other = f.sim.control().createStreamGroup("other", "us-east-1");
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            pending.add(f.session(SessionStatus.PENDING_CLIENT_RECONNECTION).arn());
            pending.add(f.sim.control().createSession(other.id(), "us-east-1", SessionStatus.PENDING_CLIENT_RECONNECTION)
                    .arn());
            f.session(SessionStatus.CONNECTED);
            f.sim.control().createSession(other.id(), "us-east-1", SessionStatus.CONNECTED);
        }

        List<ListStreamSessionsByAccountResponse> pages = f.client.listStreamSessionsByAccountPaginator(
                r -> r.status(StreamSessionStatus.PENDING_CLIENT_RECONNECTION).maxResults(4)).stream().toList();

        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(p -> p.items().stream()))
                .allSatisfy(item -> assertThat(item.status()).isEqualTo(StreamSessionStatus.PENDING_CLIENT_RECONNECTION))
                .extracting(StreamSessionSummary::arn).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(pending);
        assertThat(f.client.listStreamSessionsByAccount(r -> r.status(StreamSessionStatus.ERROR)).items())
                .as("a status no session has").isEmpty();
        assertThat(f.client.listStreamSessionsByAccount(r -> r.status(StreamSessionStatus.CONNECTED)).items())
                .hasSize(6);
    }

    @Test
    void filtersByExportFilesStatus() {
        SessionView exported = f.session(SessionStatus.CONNECTED);
        f.session(SessionStatus.CONNECTED);
        f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id()).streamSessionIdentifier(exported.id())
                .outputUri("s3://bucket/out.zip"));

        List<StreamSessionSummary> pending = f.client.listStreamSessions(
                r -> r.identifier(f.group.id()).exportFilesStatus(ExportFilesStatus.PENDING)).items();
        List<StreamSessionSummary> succeeded = f.client.listStreamSessions(
                r -> r.identifier(f.group.id()).exportFilesStatus(ExportFilesStatus.SUCCEEDED)).items();

        assertThat(pending).extracting(StreamSessionSummary::arn).containsExactly(exported.arn());
        assertThat(pending.get(0).exportFilesMetadata().status()).isEqualTo(ExportFilesStatus.PENDING);
        assertThat(pending.get(0).exportFilesMetadata().outputUri()).isEqualTo("s3://bucket/out.zip");
        assertThat(succeeded).isEmpty();
    }

    @Test
    void pagesTwentyFiveByDefault() {
        for (int i = 0; i < 30; i++) {
            f.session(SessionStatus.CONNECTED);
        }

        ListStreamSessionsResponse first = f.client.listStreamSessions(r -> r.identifier(f.group.id()));
        ListStreamSessionsResponse second = f.client.listStreamSessions(
                r -> r.identifier(f.group.id()).nextToken(first.nextToken()));

        assertThat(first.items()).hasSize(25);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(second.items()).hasSize(5);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void refusesMaxResultsOutsideOneToHundred() {
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(f.group.id()).maxResults(0)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(f.group.id()).maxResults(101)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.listStreamSessionsByAccount(r -> r.maxResults(101)))
                .isInstanceOf(ValidationException.class);
        assertThat(f.client.listStreamSessions(r -> r.identifier(f.group.id()).maxResults(100)).items()).isEmpty();
    }

    @Test
    void paginatorReturnsEachOfAThousandSessionsExactlyOnce() {
        List<String> groups = f.sim.control().populate(1_000, 1);

        List<String> arns = f.client.listStreamSessionsPaginator(r -> r.identifier(groups.get(0)).maxResults(100))
                .items().stream().map(StreamSessionSummary::arn).toList();

        assertThat(arns).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(arns)).isEqualTo(arnsOf(groups.get(0)));
    }

    @Test
    void paginatorKeepsItsPlaceWhenSessionsComeAndGoBetweenPages() {
        List<String> groups = f.sim.control().populate(300, 1);
        Set<String> before = arnsOf(groups.get(0));
        ListStreamSessionsResponse first = f.client.listStreamSessions(r -> r.identifier(groups.get(0)).maxResults(100));
        // sessions created after the first page land anywhere in the key order; existing ones must neither repeat nor vanish
        for (int i = 0; i < 50; i++) {
            f.sim.control().createSession(groups.get(0), f.sim.control().streamGroups().stream()
                    .filter(g -> g.id().equals(groups.get(0))).findFirst().orElseThrow().locationNames().get(0),
                    SessionStatus.ACTIVE);
        }
        List<String> seen = new java.util.ArrayList<>(first.items().stream().map(StreamSessionSummary::arn).toList());
        String token = first.nextToken();
        while (token != null) {
            String t = token;
            ListStreamSessionsResponse page = f.client.listStreamSessions(r -> r.identifier(groups.get(0)).maxResults(100).nextToken(t));
            page.items().forEach(i -> seen.add(i.arn()));
            token = page.nextToken();
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void refusesATamperedOrForeignNextToken() {
        for (int i = 0; i < 3; i++) {
            f.session(SessionStatus.CONNECTED);
        }
        StreamGroupView other = f.sim.control().createStreamGroup("other", "us-east-1");
        for (int i = 0; i < 3; i++) {
            f.sim.control().createSession(other.id(), "us-east-1", SessionStatus.CONNECTED);
        }
        String token = f.client.listStreamSessions(r -> r.identifier(f.group.id()).maxResults(1)).nextToken();

        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(f.group.id()).nextToken("garbage")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(f.group.id()).nextToken(token + "x")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(other.id()).nextToken(token)))
                .as("a token of another stream group").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(
                r -> r.identifier(f.group.id()).status(StreamSessionStatus.CONNECTED).nextToken(token)))
                .as("a token of another filter").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.listStreamSessionsByAccount(r -> r.nextToken(token)))
                .as("a token of another operation").isInstanceOf(ValidationException.class);
        assertThat(f.client.listStreamSessions(r -> r.identifier(f.group.id()).maxResults(5).nextToken(token)).items())
                .as("MaxResults may change between pages").hasSize(2);
    }

    @Test
    void answersNotFoundForAnUnknownStreamGroup() {
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier("sg-000000000")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(
                r -> r.identifier("arn:aws:gameliftstreams:eu-west-1:111122223333:streamgroup/" + f.group.id())))
                .as("the same id in another Region").isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier("not-a-group")))
                .as("well-formed per the model, unknown").isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier("not_a_group")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void refusesAnUnknownStatusFilter() {
        assertThatThrownBy(() -> f.client.listStreamSessions(r -> r.identifier(f.group.id()).status("SLEEPING")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void accountListingSpansStreamGroupsWithoutReasonAndWithExportStatusOnly() {
        SessionView ended = f.session(SessionStatus.CONNECTED);
        f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id()).streamSessionIdentifier(ended.id())
                .outputUri("s3://bucket/prefix/"));
        f.sim.control().transition(ended.id(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        StreamGroupView other = f.sim.control().createStreamGroup("other", "us-east-1");
        SessionView elsewhere = f.sim.control().createSession(other.id(), "us-east-1", SessionStatus.ACTIVE);

        ListStreamSessionsByAccountResponse all = f.client.listStreamSessionsByAccount(r -> r.maxResults(100));
        List<StreamSessionSummary> terminated = f.client.listStreamSessionsByAccount(
                r -> r.status(StreamSessionStatus.TERMINATED)).items();

        assertThat(all.items()).extracting(StreamSessionSummary::arn).containsExactlyInAnyOrder(ended.arn(), elsewhere.arn());
        assertThat(terminated).hasSize(1);
        assertThat(terminated.get(0).exportFilesMetadata().status()).isEqualTo(ExportFilesStatus.PENDING);
        assertThat(terminated.get(0).exportFilesMetadata().outputUri()).isNull();
        assertThat(terminated.get(0).exportFilesMetadata().statusReason()).isNull();
        assertThat(f.client.listStreamSessionsByAccount(r -> r.exportFilesStatus(ExportFilesStatus.PENDING)).items())
                .hasSize(1);
    }

    @Test
    void accountPaginatorReturnsEverySessionOnce() {
        f.sim.control().populate(450, 7);

        List<String> arns = f.client.listStreamSessionsByAccountPaginator(r -> r.maxResults(100)).items().stream()
                .map(StreamSessionSummary::arn).toList();

        assertThat(arns).hasSize(450).doesNotHaveDuplicates();
    }

    /**
     * Seed 003: every ListStreamSessions item carries StatusReason on the wire once the session has
     * one (ERROR, TERMINATED). SDK for Java 2.40.2's StreamSessionSummary drops the member while
     * unmarshalling, so only the HTTP body shows it.
     */
    @Test
    void groupListingItemsCarryTheStatusReasonOfEndedSessionsOnTheWire() throws Exception {
        SessionView exited = f.session(SessionStatus.CONNECTED);
        f.sim.control().transition(exited.id(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        SessionView unplaced = f.session(SessionStatus.ACTIVATING);
        f.sim.control().transition(unplaced.id(), SessionStatus.ERROR, StatusReason.PLACEMENT_TIMEOUT);
        SessionView connected = f.session(SessionStatus.CONNECTED);

        JsonNode items = rawGet("/streamgroups/" + f.group.id() + "/streamsessions").path("Items");

        assertThat(item(items, exited.arn()).path("Status").asText()).isEqualTo("TERMINATED");
        assertThat(item(items, exited.arn()).path("StatusReason").asText()).isEqualTo("applicationExit");
        assertThat(item(items, unplaced.arn()).path("Status").asText()).isEqualTo("ERROR");
        assertThat(item(items, unplaced.arn()).path("StatusReason").asText()).isEqualTo("placementTimeout");
        assertThat(item(items, connected.arn()).has("StatusReason")).as("a session without a reason").isFalse();
    }

    /** Seed 004: ListStreamSessionsByAccount items have no StatusReason member, ended or not. */
    @Test
    void accountListingItemsNeverCarryAStatusReasonOnTheWire() throws Exception {
        SessionView exited = f.session(SessionStatus.CONNECTED);
        f.sim.control().transition(exited.id(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);
        SessionView unplaced = f.session(SessionStatus.ACTIVATING);
        f.sim.control().transition(unplaced.id(), SessionStatus.ERROR, StatusReason.PLACEMENT_TIMEOUT);
        f.session(SessionStatus.CONNECTED);

        JsonNode items = rawGet("/streamsessions").path("Items");

        assertThat(items).hasSize(3);
        assertThat(item(items, exited.arn()).path("Status").asText()).isEqualTo("TERMINATED");
        assertThat(item(items, unplaced.arn()).path("Status").asText()).isEqualTo("ERROR");
        items.forEach(item -> assertThat(item.has("StatusReason")).as("StatusReason of %s", item.path("Arn").asText())
                .isFalse());
    }

    /**
     * The response body of a GET, as the service's REST-JSON protocol sends it. The simulator checks
     * the shape of the SigV4 Authorization header, never the signature.
     */
    private JsonNode rawGet(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(f.sim.endpoint() + pathAndQuery))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-west-2/"
                        + "gameliftstreams/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static JsonNode item(JsonNode items, String arn) {
        for (JsonNode item : items) {
            if (item.path("Arn").asText().equals(arn)) {
                return item;
            }
        }
        throw new AssertionError("no item " + arn + " in " + items);
    }

    private Set<String> arnsOf(String groupId) {
        Set<String> arns = new HashSet<>();
        f.sim.control().sessions().stream().filter(s -> s.streamGroupId().equals(groupId)).forEach(s -> arns.add(s.arn()));
        return arns;
    }
}
