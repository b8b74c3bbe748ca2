package dev.glsmon.poller.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class PartitionShareTest {

    @Test
    void isNothingBeforeTheFirstAssignment() {
        assertThat(new PartitionShare().value()).isZero();
    }

    @Test
    void theSharesOfInstancesThatSplitThePartitionsAddUpToOne() {
        int total = 6;
        int[] split = {1, 2, 3};
        double sum = 0;
        for (int assigned : split) {
            PartitionShare share = new PartitionShare();
            share.assigned(assigned, total);
            sum += share.value();
        }

        assertThat(sum).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void keepsTheLastNonZeroShareWhileARebalanceTookEveryPartitionAway() {
        PartitionShare share = new PartitionShare();
        share.assigned(3, 3);

        share.revoked(0, 3); // eager rebalance: everything goes first
        assertThat(share.value()).isEqualTo(1.0);

        share.assigned(2, 3);
        assertThat(share.value()).isCloseTo(2.0 / 3, offset(1e-12));
    }

    @Test
    void aPartialRevocationLowersTheShareAtOnce() {
        PartitionShare share = new PartitionShare();
        share.assigned(4, 6);

        share.revoked(2, 6); // cooperative rebalance: some partitions move to a new instance

        assertThat(share.value()).isCloseTo(1.0 / 3, offset(1e-12));
    }

    @Test
    void aCompletedAssignmentWithoutPartitionsIsNoShare() {
        PartitionShare share = new PartitionShare();
        share.assigned(1, 3);

        share.assigned(0, 3); // more instances than partitions

        assertThat(share.value()).isZero();
    }

    @Test
    void refusesATopicWithoutPartitions() {
        assertThatThrownBy(() -> new PartitionShare().assigned(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
