package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

class ListedStatusReasonsTest {

    private static final String ENDED = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1/ss-ended";
    private static final String LIVE = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1/ss-live";

    private static Map<String, String> parse(String json) {
        return new ListedStatusReasons().parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheReasonOfEachItemThatCarriesOne() {
        Map<String, String> reasons = parse("""
                {"Items":[
                  {"Arn":"%s","Status":"TERMINATED","StatusReason":"applicationExit","ExportFilesMetadata":{"Status":"SUCCEEDED","StatusReason":"x"}},
                  {"Arn":"%s","Status":"CONNECTED","Location":"us-west-2"}
                ],"NextToken":"abc"}""".formatted(ENDED, LIVE));

        assertThat(reasons).containsExactly(Map.entry(ENDED, "applicationExit"));
    }

    @Test
    void aBodyWithoutTheFieldGivesNoReasonSoTheGetStaysTheFallback() {
        assertThat(parse("""
                {"Items":[{"Arn":"%s","Status":"TERMINATED"}]}""".formatted(ENDED))).isEmpty();
    }

    @Test
    void fieldsInAnyOrderNestedObjectsAndUnknownFieldsAreSkipped() {
        Map<String, String> reasons = parse("""
                {"Extra":{"Items":[{"Arn":"nested","StatusReason":"no"}]},"Items":[
                  {"StatusReason":"placementTimeout","Unknown":[1,{"a":2}],"Arn":"%s"}]}""".formatted(ENDED));

        assertThat(reasons).containsExactly(Map.entry(ENDED, "placementTimeout"));
    }

    @Test
    void aDamagedBodyYieldsWhatWasReadBeforeTheDamage() {
        String whole = """
                {"Items":[{"Arn":"%s","StatusReason":"idleTimeout"},{"Arn":"%s","StatusRea""".formatted(ENDED, LIVE);

        assertThat(parse(whole)).containsExactly(Map.entry(ENDED, "idleTimeout"));
        assertThat(parse("not json")).isEmpty();
        assertThat(parse("[]")).isEmpty();
    }

    @Test
    void theSdkModelTakesOverOnceItCarriesTheFieldAndUntilThenThePageReasonsServe() {
        StreamSessionSummary item = StreamSessionSummary.builder().arn(ENDED).status("TERMINATED").build();

        // SDK 2.40.2 does not model StatusReason: getValueForField answers empty, the body's value serves
        assertThat(item.getValueForField("StatusReason", String.class)).isEmpty();
        assertThat(ListedStatusReasons.reasonOf(item, Map.of(ENDED, "applicationExit"))).isEqualTo("applicationExit");
        assertThat(ListedStatusReasons.reasonOf(item, Map.of())).isNull();
        assertThat(ListedStatusReasons.reasonOf(StreamSessionSummary.builder().build(), Map.of(ENDED, "x"))).isNull();
    }

    @Test
    void theReasonsTravelWithTheirPageAndDecodeToWhatWasRead() {
        Map<String, String> reasons = Map.of(ENDED, "applicationExit", LIVE + "&odd=name", "a b&c");
        software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse page =
                (software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse)
                        software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse.builder()
                                .sdkHttpResponse(software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(200)
                                        .putHeader(ListedStatusReasons.HEADER, ListedStatusReasons.encode(reasons)).build())
                                .build();

        assertThat(ListedStatusReasons.of(page)).isEqualTo(reasons);
        assertThat(ListedStatusReasons.of(
                software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse.builder().build()))
                .isEmpty();
    }
}
