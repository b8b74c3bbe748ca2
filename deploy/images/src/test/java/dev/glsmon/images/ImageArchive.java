package dev.glsmon.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image tarball as {@code docker save} writes it and {@code docker load} reads it (jib's
 * buildTar): its tags and config, and its layers unpacked in order into a root directory, as a
 * container runtime would lay them out.
 */
final class ImageArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final List<String> repoTags;
    private final JsonNode config;

    private ImageArchive(Path root, List<String> repoTags, JsonNode config) {
        this.root = root;
        this.repoTags = repoTags;
        this.config = config;
    }

    /**
     * Unpacks {@code tarball} under {@code workDir}: the archive's files, then its layers in order into
     * root/. Each layer is unpacked once into {@code layersDir} and then hard-linked into the roots of all
     * images that share it (the base layer of every glsmon image is the same).
     */
    static ImageArchive unpack(Path tarball, Path workDir, Path layersDir) throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException(tarball + " is missing: build the images first (mvn -Pimages package)");
        }
        Path archive = Files.createDirectories(workDir.resolve("archive"));
        Path root = Files.createDirectories(workDir.resolve("root"));
        tar("-xf", tarball.toString(), "-C", archive.toString());

        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile());
        if (manifest.size() != 1) {
            throw new IllegalStateException(tarball + ": expected one image, manifest.json has " + manifest.size());
        }
        JsonNode image = manifest.get(0);
        for (JsonNode layer : image.path("Layers")) {
            Path unpacked = layersDir.resolve(layer.asText().replaceAll("\\.tar(\\.gz)?$", ""));
            if (!Files.isDirectory(unpacked)) {
                Path partial = Files.createDirectories(layersDir.resolve(unpacked.getFileName() + ".partial"));
                // numeric owners: the image's users are not this machine's
                tar("-xf", archive.resolve(layer.asText()).toString(), "-C", partial.toString(),
                        "--numeric-owner", "--same-permissions");
                Files.move(partial, unpacked);
            }
            Processes.check(Processes.run(UNPACK_TIMEOUT, "cp", "--archive", "--link", unpacked + "/.", root.toString()));
        }
        List<String> tags = new ArrayList<>();
        image.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
        JsonNode config = JSON.readTree(archive.resolve(image.path("Config").asText()).toFile());
        return new ImageArchive(root, List.copyOf(tags), config);
    }

    private static void tar(String... arguments) {
        List<String> command = new ArrayList<>(List.of("tar", "--warning=no-unknown-keyword"));
        command.addAll(List.of(arguments));
        Processes.check(Processes.run(UNPACK_TIMEOUT, command));
    }

    /** The unpacked file system. */
    Path root() {
        return root;
    }

    List<String> repoTags() {
        return repoTags;
    }

    List<String> entrypoint() {
        return texts(config.path("config").path("Entrypoint"));
    }

    /** The image's environment, in its order. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : texts(config.path("config").path("Env"))) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    /** uid:gid (or a name) the container runs as; empty means root. */
    String user() {
        return config.path("config").path("User").asText("");
    }

    /** "9401/tcp", ... */
    List<String> exposedPorts() {
        List<String> ports = new ArrayList<>();
        config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return ports;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
