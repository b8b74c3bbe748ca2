package dev.glsmon.broker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests one shared Kafka broker per test run: declare a {@link KafkaBroker} parameter in a
 * test, a constructor or a {@code @BeforeAll} method of a class annotated
 * {@code @ExtendWith(KafkaBrokerExtension.class)}.
 *
 * <p>The embedded KRaft broker by default; {@code -Dglsmon.broker=testcontainers} uses
 * Testcontainers' Kafka module (apache/kafka image) and fails clearly without a Docker engine.
 * Tests that must stop or restart a broker build their own {@link EmbeddedKafkaBroker}.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    public static final String BROKER_PROPERTY = "glsmon.broker";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sharedBroker(context);
    }

    /** The run's broker, started on first use and closed when the whole run ends. */
    public static KafkaBroker sharedBroker(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent("broker", key -> startBroker(), SharedBroker.class).broker();
    }

    private static SharedBroker startBroker() {
        String choice = System.getProperty(BROKER_PROPERTY, "embedded");
        switch (choice) {
            case "embedded": {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
                LOG.info("test broker: embedded KRaft on {}, started in {} ms",
                        broker.bootstrapServers(), broker.lastStartTime().toMillis());
                return new SharedBroker(broker, broker::close);
            }
            case "testcontainers": {
                ContainerBroker broker = ContainerBroker.start();
                return new SharedBroker(broker, broker::close);
            }
            default:
                throw new ParameterResolutionException(
                        "-D" + BROKER_PROPERTY + "=" + choice + " is not known: use embedded (default) or testcontainers");
        }
    }

    /** Closed by JUnit when the root context closes, i.e. once per run. */
    record SharedBroker(KafkaBroker broker, Runnable closer) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }
}
