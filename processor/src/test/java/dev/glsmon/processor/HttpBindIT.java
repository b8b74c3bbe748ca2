package dev.glsmon.processor;

import dev.glsmon.testbed.KafkaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.common.Metrics;
import dev.glsmon.processor.config.ProcessorConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --http-bind decides where /metrics, /healthz, /readyz and the query API can be reached. */
@ExtendWith(KafkaBrokerExtension.class)
class HttpBindIT {

    private static ProcessorConfig config(KafkaBroker broker, Path stateDir, String bind) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap-servers", broker.bootstrapServers(),
                "application-id", KafkaTestSupport.unique("glsmon-bind-"),
                "topic-prefix", KafkaTestSupport.unique("bind-") + ".",
                "partitions", "1",
                "state-dir", stateDir.toString(),
                "http-port", "0"));
        if (bind != null) {
            settings.put("http-bind", bind);
        }
        return ProcessorConfig.from(settings);
    }

    @Test
    void loopbackBindIsNotReachableOnAnyOtherAddressWhileTheDefaultIsEveryInterface(KafkaBroker broker,
            @TempDir Path a, @TempDir Path b) throws Exception {
        String other = otherAddress();
        try (Metrics metrics = Metrics.create("processor");
                ProcessorApp loopback = ProcessorApp.start(config(broker, a, "127.0.0.1"), new Properties(),
                        metrics.registry())) {
            connect("127.0.0.1", loopback.httpPort());
            assertThatThrownBy(() -> connect(other, loopback.httpPort())).as("%s:%d", other, loopback.httpPort())
                    .isInstanceOf(ConnectException.class);
        }
        ProcessorConfig byDefault = config(broker, b, null);
        assertThat(byDefault.httpBind()).as("README: every interface by default").isEqualTo("0.0.0.0");
        try (Metrics metrics = Metrics.create("processor");
                ProcessorApp everywhere = ProcessorApp.start(byDefault, new Properties(), metrics.registry())) {
            connect(other, everywhere.httpPort());
            connect("127.0.0.1", everywhere.httpPort());
        }
    }

    private static void connect(String host, int port) throws IOException {
        new Socket(host, port).close();
    }

    /** A non-loopback IPv4 address of this machine, else 127.0.0.2 (loopback, but not 127.0.0.1). */
    private static String otherAddress() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .map(InetAddress::getHostAddress).findFirst().orElse("127.0.0.2");
    }
}
