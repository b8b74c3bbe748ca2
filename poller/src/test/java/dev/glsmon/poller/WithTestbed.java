package dev.glsmon.poller;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fresh {@link Testbed} (simulator, topics on the shared broker) for every test, closed after it. */
@ExtendWith(KafkaBrokerExtension.class)
abstract class WithTestbed {

    Testbed bed;

    @BeforeEach
    void startTestbed(KafkaBroker broker) {
        bed = new Testbed(broker);
    }

    @AfterEach
    void stopTestbed() {
        bed.close();
    }
}
