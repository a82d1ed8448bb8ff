package io.parley.comments.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Isso's public author hash (identicons): {@code hex(H(email or client network))}. PBKDF2 is written out
 * here because the JDK's HMAC refuses the empty key that an empty input means.
 */
public final class AuthorHasher {

    private final String digest;
    private final byte[] salt;
    private final int iterations;
    private final int keyLength;
    private final Mode mode;

    private enum Mode { PBKDF2, NONE, DIGEST }

    /**
     * @param algorithm {@code pbkdf2[:iterations[:dklen[:digest]]]}, {@code none} or a digest name such as {@code sha1}
     * @param salt the PBKDF2 salt
     */
    public AuthorHasher(String algorithm, String salt) {
        String[] parts = algorithm.trim().toLowerCase(Locale.ROOT).split(":");
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        switch (parts[0]) {
            case "pbkdf2" -> {
                mode = Mode.PBKDF2;
                iterations = parts.length > 1 ? Integer.parseInt(parts[1]) : 1000;
                keyLength = parts.length > 2 ? Integer.parseInt(parts[2]) : 6;
                digest = javaDigestName(parts.length > 3 ? parts[3] : "sha1");
            }
            case "none" -> {
                mode = Mode.NONE;
                iterations = 0;
                keyLength = 0;
                digest = null;
            }
            default -> {
                mode = Mode.DIGEST;
                iterations = 0;
                keyLength = 0;
                digest = javaDigestName(parts[0]);
            }
        }
        if (digest != null) {
            newDigest(); // fail at start-up, not on the first comment
        }
    }

    public String hash(String input) {
        byte[] data = input.getBytes(StandardCharsets.UTF_8);
        return switch (mode) {
            case NONE -> HexFormat.of().formatHex(data);
            case DIGEST -> HexFormat.of().formatHex(newDigest().digest(data));
            case PBKDF2 -> HexFormat.of().formatHex(pbkdf2(data));
        };
    }

    private byte[] pbkdf2(byte[] password) {
        MessageDigest md = newDigest();
        int hLen = md.getDigestLength();
        int blockSize = hLen > 32 ? 128 : 64;
        byte[] key = password.length > blockSize ? md.digest(password) : password;
        byte[] ipad = new byte[blockSize];
        byte[] opad = new byte[blockSize];
        for (int i = 0; i < blockSize; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        byte[] out = new byte[keyLength];
        int blocks = (keyLength + hLen - 1) / hLen;
        for (int block = 1; block <= blocks; block++) {
            byte[] first = new byte[salt.length + 4];
            System.arraycopy(salt, 0, first, 0, salt.length);
            first[salt.length] = (byte) (block >>> 24);
            first[salt.length + 1] = (byte) (block >>> 16);
            first[salt.length + 2] = (byte) (block >>> 8);
            first[salt.length + 3] = (byte) block;
            byte[] u = hmac(md, ipad, opad, first);
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = hmac(md, ipad, opad, u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            int offset = (block - 1) * hLen;
            System.arraycopy(t, 0, out, offset, Math.min(hLen, keyLength - offset));
        }
        return out;
    }

    private static byte[] hmac(MessageDigest md, byte[] ipad, byte[] opad, byte[] message) {
        md.update(ipad);
        byte[] inner = md.digest(message);
        md.update(opad);
        return md.digest(inner);
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown hash digest: " + digest, e);
        }
    }

    private static String javaDigestName(String pythonName) {
        return switch (pythonName) {
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            case "md5" -> "MD5";
            default -> pythonName.toUpperCase(Locale.ROOT);
        };
    }
}
