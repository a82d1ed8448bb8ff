package io.parley.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Remark42's input rules for the login endpoints and its user id scheme. */
public final class LoginRules {

    private static final Pattern ANONYMOUS_NAME = Pattern.compile("^[\\p{L}\\d_ ]+$");
    private static final Pattern EMAIL_USER = Pattern.compile("^[\\p{L}\\d\\s_]{4,64}$");
    private static final Pattern SITE = Pattern.compile("^[a-zA-Z\\d\\s_.-]{1,64}$");
    // A bare addr-spec (dot-atom local part, dotted domain); Remark42 also takes "Name <addr>", we do not.
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private LoginRules() {
    }

    /** Anonymous names: 3 to 64 letters, digits, {@code _} or spaces, no space at either end. */
    public static boolean validAnonymousName(String name) {
        if (name == null || !name.strip().equals(name)) {
            return false;
        }
        int length = name.codePointCount(0, name.length());
        return length >= 3 && length <= 64 && ANONYMOUS_NAME.matcher(name).matches();
    }

    /** Names for email login: 4 to 64 letters, digits, {@code _} or white space. */
    public static boolean validEmailUser(String name) {
        return name != null && EMAIL_USER.matcher(name).matches();
    }

    public static boolean validSite(String site) {
        return site != null && SITE.matcher(site).matches();
    }

    public static boolean validAddress(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    /** {@code anonymous_} + sha1(name + client address), as Remark42. */
    public static String anonymousId(String name, String clientIp) {
        return "anonymous_" + sha1(name + clientIp);
    }

    /** {@code email_} + sha1(address). */
    public static String emailId(String address) {
        return "email_" + sha1(address);
    }

    /** {@code <provider>_} + sha1(subject). */
    public static String providerId(String provider, String subject) {
        return provider + "_" + sha1(subject);
    }

    static String sha1(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
