package dev.glsmon.processor.config;

/** A setting whose value cannot be used; the message names the setting so that a person can fix it. */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        super("setting '" + setting + "': " + problem);
        this.setting = setting;
    }

    /** The setting's name as in {@link ProcessorSettings} (also the command-line option without "--"). */
    public String setting() {
        return setting;
    }
}
