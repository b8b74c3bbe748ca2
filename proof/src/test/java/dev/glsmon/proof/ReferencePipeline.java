package dev.glsmon.proof;

import dev.glsmon.common.Metrics;
import dev.glsmon.poller.Coordination;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.processor.ProcessorApp;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.simulator.Simulator;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The uninterrupted pipeline every faulted run is compared with: the real poller and processor in
 * this JVM, on their own broker, polling a fault-free twin of the faulted run's simulator.
 */
final class ReferencePipeline implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ProcessorConfig processorConfig;
    private PollerApp poller;

    private ReferencePipeline(ProcessorConfig processorConfig) {
        this.processorConfig = processorConfig;
    }

    static ReferencePipeline start(String bootstrapServers, String prefix, Simulator twin, Path stateDir)
            throws InterruptedException {
        ProcessorConfig processorConfig = ProcessorConfig.from(
                FaultRun.processorSettings(bootstrapServers, "ref-" + prefix, prefix, stateDir));
        ReferencePipeline pipeline = new ReferencePipeline(processorConfig);
        try {
            Metrics processorMetrics = Metrics.create("processor");
            pipeline.started.push(processorMetrics);
            pipeline.started.push(ProcessorApp.start(processorConfig, new Properties(), processorMetrics.registry()));
            Metrics pollerMetrics = Metrics.create("poller");
            pipeline.started.push(pollerMetrics);
            pipeline.poller = PollerApp.builder(PollerConfig.builder()
                            .bootstrapServers(bootstrapServers)
                            .topicPrefix(prefix)
                            .partitions(FaultRun.PARTITIONS)
                            .region(twin.region())
                            .endpointUrl(twin.endpoint().toString())
                            .streamGroups(List.of(FaultRun.STREAM_GROUPS))
                            .coordination(Coordination.NONE)
                            .pollInterval(FaultRun.POLL_INTERVAL)
                            .pageSize(FaultRun.PAGE_SIZE)
                            .exportExecutor(false)
                            .build())
                    .meterRegistry(pollerMetrics.registry())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(FaultRun.ACCESS_KEY, FaultRun.SECRET_KEY)))
                    .start();
            pipeline.started.push(pipeline.poller);
            return pipeline;
        } catch (RuntimeException | InterruptedException e) {
            pipeline.close();
            throw e;
        }
    }

    ProcessorConfig processorConfig() {
        return processorConfig;
    }

    /** Stops polling; the processor keeps running until {@link #close()}. */
    void stopPolling() {
        if (started.remove(poller)) {
            poller.close();
        }
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop the reference pipeline", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
