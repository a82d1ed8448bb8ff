package io.parley.stack;

import java.util.Locale;
import java.util.Optional;

/**
 * Stack settings: system property {@code parley-stack.<key>} first, then environment variable {@code PARLEY_<KEY>}
 * (upper case, {@code .} and {@code -} as {@code _}). Example: key {@code gateway.port} is
 * {@code -Dparley-stack.gateway.port} or {@code PARLEY_GATEWAY_PORT}.
 */
public final class Settings {

    /**
     * Not {@code parley.}: the services' typed configuration owns that namespace and rejects keys it does not know,
     * and the build passes these properties to every test JVM.
     */
    public static final String SYSTEM_PROPERTY_PREFIX = "parley-stack.";

    private Settings() {
    }

    public static String envName(String key) {
        return "PARLEY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<String> get(String key) {
        String value = System.getProperty(SYSTEM_PROPERTY_PREFIX + key);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName(key));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static Optional<Integer> getInt(String key) {
        return get(key).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new StackException(envName(key) + " must be a number, not '" + value + "'");
            }
        });
    }

    public static Optional<Boolean> getBoolean(String key) {
        return get(key).map(value -> value.equalsIgnoreCase("true") || value.equals("1")
                || value.equalsIgnoreCase("yes"));
    }
}
