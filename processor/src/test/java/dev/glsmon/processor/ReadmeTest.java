package dev.glsmon.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ProcessorSettings;
import dev.glsmon.common.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option table stays complete as settings are added. */
class ReadmeTest {

    @Test
    void documentsEveryOption() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (Setting setting : ProcessorSettings.TABLE.all()) {
            assertThat(readme).as(setting.option()).contains("`" + setting.option() + "`");
        }
    }
}
