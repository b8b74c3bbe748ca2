package dev.glsmon.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.simulator.ApiOperation;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void routesEveryOperationAsTheSdkMarshalsIt() {
        assertThat(Router.match("GET", "/streamgroups").operation()).isEqualTo(ApiOperation.LIST_STREAM_GROUPS);
        assertThat(Router.match("GET", "/streamgroups/sg-1AB2C3De4").operation()).isEqualTo(ApiOperation.GET_STREAM_GROUP);
        assertThat(Router.match("GET", "/streamgroups/sg-1AB2C3De4/streamsessions").operation())
                .isEqualTo(ApiOperation.LIST_STREAM_SESSIONS);
        assertThat(Router.match("GET", "/streamsessions").operation()).isEqualTo(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT);
        assertThat(Router.match("GET", "/streamgroups/sg-1AB2C3De4/streamsessions/ABC123def4567").operation())
                .isEqualTo(ApiOperation.GET_STREAM_SESSION);
        assertThat(Router.match("DELETE", "/streamgroups/sg-1AB2C3De4/streamsessions/ABC123def4567").operation())
                .isEqualTo(ApiOperation.TERMINATE_STREAM_SESSION);
        assertThat(Router.match("PUT", "/streamgroups/sg-1AB2C3De4/streamsessions/ABC123def4567/exportfiles").operation())
                .isEqualTo(ApiOperation.EXPORT_STREAM_SESSION_FILES);
        assertThat(Router.match("POST", "/streamsessions")).isNull();
        assertThat(Router.match("GET", "/applications")).isNull();
    }

    @Test
    void decodesArnsThatTheSdkPercentEncodesIntoOneSegment() {
        Router.Route route = Router.match("GET", "/streamgroups/arn%3Aaws%3Agameliftstreams%3Aus-west-2%3A111122223333"
                + "%3Astreamgroup%2Fsg-1AB2C3De4/streamsessions/a%2Bb");

        assertThat(route.group()).isEqualTo("arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-1AB2C3De4");
        assertThat(route.session()).isEqualTo("a+b");
    }

    @Test
    void decodesQueryParameters() {
        assertThat(Router.query("Status=ACTIVE&NextToken=a%2Bb%3D&MaxResults=5"))
                .containsEntry("Status", "ACTIVE").containsEntry("NextToken", "a+b=").containsEntry("MaxResults", "5");
    }
}
