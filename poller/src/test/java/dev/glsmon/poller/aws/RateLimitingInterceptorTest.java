package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpResponse;

class RateLimitingInterceptorTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "429, ThrottlingException, true",
        "429, '', true",
        "400, ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.gameliftstreams/, true",
        "400, TooManyRequestsException, true",
        "400, ValidationException, false",
        "500, ThrottlingException, false",
        "503, '', false",
        "200, '', false"
    })
    void recognisesThrottledAttemptsByStatusAndErrorType(int status, String errorType, boolean throttled) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
        if (!errorType.isEmpty()) {
            response.putHeader("x-amzn-ErrorType", errorType);
        }

        assertThat(RateLimitingInterceptor.isThrottle(response.build())).isEqualTo(throttled);
    }
}
