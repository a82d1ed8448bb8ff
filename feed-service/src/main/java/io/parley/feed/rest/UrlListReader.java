package io.parley.feed.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the body of the batch count endpoints of both dialects: a JSON array of strings. Parsed by hand
 * (not bound by the framework) so each dialect can answer bad input with its own error shape.
 */
@ApplicationScoped
public class UrlListReader {

    /** Why a body was refused; the message is safe to show to the client. */
    public static final class BadUrlList extends Exception {
        private final boolean unparsable;

        BadUrlList(String message, boolean unparsable) {
            super(message, null, false, false);
            this.unparsable = unparsable;
        }

        /** True when the body is not JSON at all (as opposed to JSON of the wrong shape). */
        public boolean unparsable() {
            return unparsable;
        }
    }

    @Inject
    ObjectMapper mapper;

    public List<String> read(byte[] body) throws BadUrlList {
        JsonNode root;
        try {
            if (body == null || body.length == 0) {
                throw new BadUrlList("body is empty", true);
            }
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadUrlList("body is not valid JSON", true);
        } catch (IOException e) {
            throw new BadUrlList("body could not be read", true);
        }
        if (!root.isArray()) {
            throw new BadUrlList("body must be a JSON array of strings", false);
        }
        List<String> urls = new ArrayList<>(root.size());
        for (JsonNode element : root) {
            if (!element.isTextual()) {
                throw new BadUrlList("body must be a JSON array of strings", false);
            }
            urls.add(element.textValue());
        }
        return urls;
    }
}
