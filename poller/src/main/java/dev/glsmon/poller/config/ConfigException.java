package dev.glsmon.poller.config;

/** A setting that cannot work, named the way the operator wrote it (the command-line option). */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public ConfigException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    /** The option, e.g. {@code --page-size}. */
    public String setting() {
        return setting;
    }
}
