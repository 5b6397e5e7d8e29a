package io.credmark.app;

/**
 * A setting that cannot be used: a value of the wrong form, a file it names that cannot be read, a combination
 * that does not fit. The message names the setting (e.g. {@code tsa.url}) and what is wrong; the CLI exits with 2.
 */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
