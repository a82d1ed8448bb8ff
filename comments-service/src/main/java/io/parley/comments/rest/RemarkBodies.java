package io.parley.comments.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comments.service.RemarkRejection;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Remark42 request bodies, decoded as Go's encoding/json does (field names case-insensitive, 64 KiB cap). */
final class RemarkBodies {

    /** Remark42's body limit of comment writes. */
    static final int MAX_BODY = 64 * 1024;

    private RemarkBodies() {
    }

    /** The JSON object of {@code body}; anything else is 400 code 2. */
    static JsonNode object(ObjectMapper json, byte[] body, String details) {
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            throw decode(body == null || body.length == 0 ? "empty body" : "http: request body too large", details);
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw decode("json: cannot unmarshal into Go value of type store.Comment", details);
            }
            return node;
        } catch (IOException e) {
            throw decode("invalid JSON", details);
        }
    }

    /** The field {@code name} of {@code object}, matched case-insensitively; null when absent. */
    static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A string field: absent or null → null, another JSON type → 400 code 2. */
    static String text(JsonNode object, String name, String details) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw decode("json: cannot unmarshal " + value.getNodeType().name().toLowerCase() + " into field "
                    + name + " of type string", details);
        }
        return value.textValue();
    }

    /** A boolean field: absent or null → false, another JSON type → 400 code 2. */
    static boolean bool(JsonNode object, String name, String details) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw decode("json: cannot unmarshal into field " + name + " of type bool", details);
        }
        return value.booleanValue();
    }

    /** An object field: absent or null → null, another JSON type → 400 code 2. */
    static JsonNode object(JsonNode object, String name, String details) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw decode("json: cannot unmarshal into field " + name, details);
        }
        return value;
    }

    private static RemarkRejection decode(String error, String details) {
        return RemarkRejection.badRequest(RemarkRejection.DECODE, error, details);
    }
}
