package dev.glsmon.simulator;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/** The unmodified AWS SDK client, pointed at a simulator. */
final class Sdk {

    static final AwsCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private Sdk() {}

    /** Signed requests, no retries: every failure reaches the test as the SDK raises it. */
    static GameLiftStreamsClient client(Simulator sim) {
        return builder(sim, DUMMY_CREDENTIALS).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** Signed requests with the SDK's standard retries. */
    static GameLiftStreamsClient retryingClient(Simulator sim) {
        return builder(sim, DUMMY_CREDENTIALS).build();
    }

    /** Unsigned requests: the SDK sends no Authorization header with anonymous credentials. */
    static GameLiftStreamsClient unsignedClient(Simulator sim) {
        return builder(sim, AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClientBuilder builder(
            Simulator sim, AwsCredentialsProvider credentials) {
        return GameLiftStreamsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
    }
}
