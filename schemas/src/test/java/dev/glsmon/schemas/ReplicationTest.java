package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationTest {

    @ParameterizedTest(name = "{0} brokers: factor {1}, min.insync.replicas {2}")
    @CsvSource({"1, 1, 1", "2, 2, 1", "3, 3, 2", "5, 3, 2", "12, 3, 2"})
    void choosesThreeCopiesWithTwoInSyncUnlessTheClusterIsSmaller(int brokers, short factor, int minInsync) {
        assertThat(Replication.forBrokers(brokers)).isEqualTo(new Replication(factor, minInsync));
    }

    @ParameterizedTest(name = "factor {0}: min.insync.replicas {1}")
    @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2", "5, 2"})
    void anOperatorsFactorKeepsOneBrokerDownFromStoppingWrites(short factor, int minInsync) {
        assertThat(Replication.of(factor).minInsyncReplicas()).isEqualTo(minInsync);
    }

    @Test
    void refusesImpossibleCombinations() {
        assertThatThrownBy(() -> new Replication((short) 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Replication.forBrokers(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
