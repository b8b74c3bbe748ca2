package dev.glsmon.common.config;

/** A setting whose value cannot be used; the message names the setting so that a person can fix it. */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    public InvalidSettingException(String setting, String problem) {
        super("setting '" + setting + "': " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's name as in its {@link SettingTable} (also the command-line option without "--"). */
    public String setting() {
        return setting;
    }

    /** What is wrong with the value, without the setting's name. */
    public String problem() {
        return problem;
    }
}
