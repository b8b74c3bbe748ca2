package dev.glsmon.processor.rates;

import dev.glsmon.schemas.ErrorRateEvent;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Terminations go to the partition of their location (default partitioning); ticks go to every
 * partition, so that each error-rate task sees stream time advance with the poll cycles even when
 * none of its locations has a termination, and its windows close.
 */
public final class TickPartitioner implements StreamPartitioner<String, ErrorRateEvent> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ErrorRateEvent value, int numPartitions) {
        if (value != null && value.getCategory() == null) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.empty();
    }
}
