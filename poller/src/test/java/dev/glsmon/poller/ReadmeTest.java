package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.common.config.Setting;
import dev.glsmon.poller.config.PollerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option table names every setting with its default, as settings are added or changed. */
class ReadmeTest {

    @Test
    void documentsEveryOptionWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (Setting setting : PollerSettings.TABLE.all()) {
            assertThat(readme).as(setting.option()).containsPattern("\\| `" + setting.option() + "[` ][^|]*\\| "
                    + (setting.defaultValue().isEmpty() ? "" : "`" + java.util.regex.Pattern.quote(setting.defaultValue()) + "`"));
        }
    }
}
