package io.parley.notify.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Signs and checks the string arrays carried by links in mails ({@code ["unsubscribe", email]}), in the format of
 * Python itsdangerous {@code URLSafeTimedSerializer} that Isso uses: {@code payload.timestamp.signature}, base64url
 * without padding, HMAC-SHA1 with the key SHA1("itsdangerous" + "signer" + secret). Payloads are never compressed
 * (itsdangerous reads both), and unlike Isso's keys these expire.
 */
public final class LinkSigner {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final SecretKeySpec key;

    public LinkSigner(String secret) {
        try {
            byte[] derived = MessageDigest.getInstance("SHA-1")
                    .digest(("itsdangerous" + "signer" + secret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing", e);
        }
    }

    public String sign(List<String> values, Instant at) {
        String payload;
        try {
            payload = ENCODER.encodeToString(JSON.writeValueAsBytes(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unserialisable link payload", e);
        }
        long seconds = at.getEpochSecond();
        int skip = Long.numberOfLeadingZeros(seconds) / 8;
        byte[] stamp = ByteBuffer.allocate(8).putLong(seconds).array();
        String signed = payload + "." + ENCODER.encodeToString(java.util.Arrays.copyOfRange(stamp, Math.min(skip, 7), 8));
        return signed + "." + ENCODER.encodeToString(mac(signed));
    }

    /** The signed strings, when {@code token} is intact and younger than {@code maxAge} at {@code now}. */
    public Optional<List<String>> verify(String token, Duration maxAge, Instant now) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            String signed = parts[0] + "." + parts[1];
            if (!MessageDigest.isEqual(DECODER.decode(parts[2]), mac(signed))) {
                return Optional.empty();
            }
            byte[] stamp = DECODER.decode(parts[1]);
            if (stamp.length == 0 || stamp.length > 8) {
                return Optional.empty();
            }
            long seconds = 0;
            for (byte b : stamp) {
                seconds = seconds << 8 | (b & 0xff);
            }
            long age = now.getEpochSecond() - seconds;
            if (age < 0 || age > maxAge.toSeconds()) {
                return Optional.empty();
            }
            JsonNode array = JSON.readTree(DECODER.decode(parts[0]));
            if (array == null || !array.isArray()) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (JsonNode node : array) {
                if (!node.isTextual()) {
                    return Optional.empty();
                }
                values.add(node.textValue());
            }
            return Optional.of(values);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing", e);
        }
    }
}
