package dev.glsmon.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every contract type. */
final class Samples {

    static final String ARN = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private Samples() {}

    static SessionSnapshot snapshot() {
        return SessionSnapshot.newBuilder()
                .setArn(ARN)
                .setStreamGroupId("sg-1AB2C3De4")
                .setSessionId("ABC123def4567")
                .setStatus("CONNECTED")
                .setStatusReason(null)
                .setLocation("us-west-2")
                .setApplicationArn("arn:aws:gameliftstreams:us-west-2:111122223333:application/a-9ZY8X7Wv6")
                .setUserId("player-1")
                .setDescription("a session")
                .setProtocol("WebRTC")
                .setCreatedAt(T0)
                .setLastUpdatedAt(T0.plusSeconds(30))
                .setConnectionTimeoutSeconds(120)
                .setSessionLengthSeconds(43200)
                .setAdditionalLaunchArgs(List.of("-fullscreen"))
                .setAdditionalEnvironmentVariables(Map.of("LEVEL", "3"))
                .setPerformanceStatsSharedWithClient(true)
                .setLogFileLocationUri("s3://logs/x")
                .setWebSdkProtocolUrl("https://example.invalid/sdk")
                .setSignalRequest(null)
                .setSignalResponse(null)
                .setExportFilesStatus("PENDING")
                .setExportFilesStatusReason(null)
                .setExportFilesOutputUri(null)
                .setObservedAt(T0.plusSeconds(31))
                .setCycleId("sg-1AB2C3De4/1")
                .setSource("ListStreamSessions")
                .setRegion("us-west-2")
                .setNotFound(false)
                .build();
    }

    static List<SpecificRecord> oneOfEach() {
        return List.of(
                snapshot(),
                PollCycle.newBuilder()
                        .setStreamGroupId("sg-1AB2C3De4").setCycleId("sg-1AB2C3De4/1").setCycleNumber(1)
                        .setComplete(true).setSessionCount(42).setStartedAt(T0).setCompletedAt(T0.plusMillis(800))
                        .setSource("ListStreamSessions").setPollerId("poller-1").build(),
                SessionTransition.newBuilder()
                        .setArn(ARN).setSessionId("ABC123def4567").setStreamGroupId("sg-1AB2C3De4").setLocation("us-west-2")
                        .setApplicationArn(null).setFrom("ACTIVE").setTo("CONNECTED").setReason(null).setPreviousReason(null)
                        .setTimeInPreviousStatusMillis(12_000L).setSequence(3).setInferred(false)
                        .setAt(T0).setObservedAt(T0.plusSeconds(1)).setCycleId("c").build(),
                SessionTermination.newBuilder()
                        .setArn(ARN).setSessionId("ABC123def4567").setStreamGroupId("sg-1AB2C3De4").setLocation("us-west-2")
                        .setApplicationArn(null).setStatus("TERMINATED").setReason("applicationExit").setCategory("APPLICATION_CRASH")
                        .setLastStatusBeforeEnd("CONNECTED").setCreatedAt(T0).setEndedAt(T0.plusSeconds(600))
                        .setDurationMillis(600_000L).setTimeToActiveMillis(20_000L).setTimeToConnectedMillis(35_000L)
                        .setReconnectCount(1).setExportFilesStatus(null).build(),
                LocationErrorRate.newBuilder()
                        .setLocation("us-west-2").setWindow("1m").setWindowStart(T0).setWindowEnd(T0.plusSeconds(60))
                        .setTerminations(12).setErrors(3).setErrorRatio(0.3).setUnknown(2).setUnknownRatio(2 / 12.0)
                        .setCountsByCategory(Map.of("NORMAL", 7L, "APPLICATION_CRASH", 3L, "UNKNOWN", 2L)).build(),
                ExportCommand.newBuilder()
                        .setCommandId("cmd-1").setArn(ARN).setSessionId("ABC123def4567").setStreamGroupId("sg-1AB2C3De4")
                        .setLocation("us-west-2").setApplicationArn(null).setRule("CLIENT_DISCONNECT")
                        .setOutputUri("s3://bucket/prefix/").setStatusAtIssue("PENDING_CLIENT_RECONNECTION").setIssuedAt(T0).build(),
                ExportResult.newBuilder()
                        .setCommandId("cmd-1").setArn(ARN).setOutcome("REQUESTED").setMessage(null)
                        .setOutputUri("s3://bucket/prefix/").setAttempts(1).setExecutedAt(T0).build(),
                DeadLetter.newBuilder()
                        .setTopic("glsmon.session-snapshots").setPartition(2).setOffset(17)
                        .setKey(java.nio.ByteBuffer.wrap(new byte[] {1, 2})).setValue(java.nio.ByteBuffer.wrap(new byte[] {3}))
                        .setReason("DESERIALIZATION").setDetail("bad header").setComponent("processor").setFailedAt(T0).build(),
                StreamGroupAssignment.newBuilder()
                        .setStreamGroupId("sg-1AB2C3De4").setArn(null).setRegion("us-west-2").setDescription(null)
                        .setStatus("ACTIVE").setLocations(List.of("us-west-2", "us-east-1")).setDiscoveredAt(T0).build(),
                StreamGroupSnapshot.newBuilder()
                        .setStreamGroupId("sg-1AB2C3De4").setArn(null).setRegion("us-west-2").setStatus("ACTIVE_WITH_ERRORS")
                        .setStatusReason("noAvailableInstances").setLastUpdatedAt(T0)
                        .setLocations(List.of(LocationCapacity.newBuilder().setLocation("eu-central-1").setStatus("ERROR")
                                .setAlwaysOnCapacity(5).setOnDemandCapacity(15).setTargetIdleCapacity(null).setMaximumCapacity(20)
                                .setRequestedCapacity(20).setAllocatedCapacity(20).setIdleCapacity(0).build()))
                        .setObservedAt(T0.plusSeconds(3)).setPollerId("poller-1").build(),
                StreamGroupTransition.newBuilder()
                        .setStreamGroupId("sg-1AB2C3De4").setLocation("eu-central-1").setFrom("ACTIVE").setTo("ERROR")
                        .setReason(null).setPreviousReason(null).setTimeInPreviousStatusMillis(60_000L)
                        .setAt(T0).setObservedAt(T0.plusSeconds(3)).build(),
                SessionState.newBuilder()
                        .setSessionId("ABC123def4567").setStreamGroupId("sg-1AB2C3De4").setLocation("us-west-2")
                        .setApplicationArn(null).setStatus("TERMINATED").setStatusReason("applicationExit")
                        .setPreviousStatus("CONNECTED").setLastUpdatedAt(T0.plusSeconds(600)).setCreatedAt(T0)
                        .setFirstSeenAt(T0.plusSeconds(2)).setStatusSince(T0.plusSeconds(600))
                        .setFirstActiveAt(T0.plusSeconds(20)).setFirstConnectedAt(T0.plusSeconds(35))
                        .setReconnectCount(1).setSequence(4).setExportFilesStatus("PENDING")
                        .setExportRule("CLIENT_DISCONNECT").setExportCommandId("cmd-1").setExportIssuedAt(T0.plusSeconds(300))
                        .setEnded(true).setEndedAt(T0.plusSeconds(600)).setEndObservedAt(T0.plusSeconds(601))
                        .setTerminationEmitted(true).build(),
                ErrorRateEvent.newBuilder().setCategory("CAPACITY").setSource(null).build());
    }
}
