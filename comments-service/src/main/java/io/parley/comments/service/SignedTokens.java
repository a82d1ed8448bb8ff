package io.parley.comments.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Tokens compatible with Python itsdangerous {@code URLSafeTimedSerializer(secret)} (default salt, HMAC-SHA1,
 * django-concat key derivation), as Isso issues them for edit cookies and moderation links.
 */
public final class SignedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    // Python's json.dumps(separators=(",", ":")) escapes everything outside ASCII.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final int MAX_INFLATED = 1 << 20;

    private final byte[] key;

    public SignedTokens(String secret) {
        try {
            this.key = MessageDigest.getInstance("SHA-1")
                    .digest(("itsdangerous" + "signer" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code value} (any Jackson-serialisable object) stamped with {@code epochSeconds}. */
    public String sign(Object value, long epochSeconds) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be serialised", e);
        }
        String payload;
        byte[] compressed = deflate(json);
        if (compressed.length < json.length - 1) {
            payload = "." + B64.encodeToString(compressed);
        } else {
            payload = B64.encodeToString(json);
        }
        String signed = payload + "." + B64.encodeToString(minimalBigEndian(epochSeconds));
        return signed + "." + B64.encodeToString(hmac(signed));
    }

    /**
     * The signed JSON value, if the signature is valid and the token is at most {@code maxAgeSeconds} old at
     * {@code nowEpochSeconds}; empty for any malformed, forged or expired token.
     */
    public Optional<JsonNode> verify(String token, long maxAgeSeconds, long nowEpochSeconds) {
        if (token == null) {
            return Optional.empty();
        }
        int sigDot = token.lastIndexOf('.');
        if (sigDot <= 0) {
            return Optional.empty();
        }
        String signed = token.substring(0, sigDot);
        try {
            byte[] signature = B64D.decode(token.substring(sigDot + 1));
            if (!MessageDigest.isEqual(signature, hmac(signed))) {
                return Optional.empty();
            }
            int tsDot = signed.lastIndexOf('.');
            if (tsDot < 0) {
                return Optional.empty();
            }
            byte[] ts = B64D.decode(signed.substring(tsDot + 1));
            if (ts.length == 0 || ts.length > 8) {
                return Optional.empty();
            }
            long timestamp = 0;
            for (byte b : ts) {
                timestamp = (timestamp << 8) | (b & 0xff);
            }
            long age = nowEpochSeconds - timestamp;
            if (age > maxAgeSeconds || age < 0) {
                return Optional.empty();
            }
            String payload = signed.substring(0, tsDot);
            byte[] json = payload.startsWith(".")
                    ? inflate(B64D.decode(payload.substring(1)))
                    : B64D.decode(payload);
            return Optional.of(JSON.readTree(json));
        } catch (IllegalArgumentException | DataFormatException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] minimalBigEndian(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        int start = 0;
        while (start < 7 && bytes[start] == 0) {
            start++;
        }
        return Arrays.copyOfRange(bytes, start, 8);
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(6);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
