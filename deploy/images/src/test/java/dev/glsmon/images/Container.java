package dev.glsmon.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a command in an unpacked image the way a container runtime would, with no Docker engine:
 * in its own mount and PID namespaces (so its mounts and processes end with it), chrooted into the
 * image's root, as the image's user, with only the image's environment plus what the caller adds.
 * Stop it with {@link Processes#stop}: the program is a child of {@code unshare}, which a plain
 * destroy does not end.
 * The runtime's /proc and the device nodes a JVM and bash use are mounted in; the network is this
 * machine's, so a server in the image is reached on 127.0.0.1. Needs root, as CI has.
 */
final class Container {

    /** Mounts what a runtime provides, then becomes the image's process. Arguments: root, user, env..., command... */
    private static final String ENTER = String.join("\n",
            "set -e",
            "root=$1; user=$2; shift 2",
            "mount -t proc proc \"$root/proc\"",
            "mount -t tmpfs -o mode=755 tmpfs \"$root/dev\"",
            "for node in null zero random urandom; do",
            "  : > \"$root/dev/$node\"",
            "  mount --bind \"/dev/$node\" \"$root/dev/$node\"",
            "done",
            "exec chroot --userspec=\"$user\" \"$root\" /usr/bin/env -i \"$@\"");

    private final ImageArchive image;

    Container(ImageArchive image) {
        this.image = image;
    }

    /** The command line that runs {@code command} in the image with its environment plus {@code env}. */
    List<String> commandLine(Map<String, String> env, List<String> command) {
        if (!System.getProperty("user.name").equals("root")) {
            throw new IllegalStateException("running an image needs root (mount, chroot); CI runs as root");
        }
        String user = image.user();
        if (!user.matches("\\d+:\\d+")) {
            throw new IllegalStateException("the image user must be numeric uid:gid, is '" + user + "'");
        }
        Map<String, String> environment = new LinkedHashMap<>(image.env());
        environment.putAll(env);
        List<String> line = new ArrayList<>(List.of(
                "unshare", "--mount", "--pid", "--fork", "sh", "-c", ENTER, "sh",
                image.root().toString(), user));
        environment.forEach((name, value) -> line.add(name + "=" + value));
        line.addAll(command);
        return line;
    }

    /** The image's entrypoint with {@code arguments}, as {@code docker run IMAGE ARGUMENTS...} runs it. */
    List<String> entrypointLine(Map<String, String> env, List<String> arguments) {
        List<String> command = new ArrayList<>(image.entrypoint());
        command.addAll(arguments);
        return commandLine(env, command);
    }
}
