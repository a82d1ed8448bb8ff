package io.parley.comments.service;

/** A page could not be read for its title (not allowed, unreachable, not 200, too large, too slow). */
public class PageFetchException extends RuntimeException {

    public PageFetchException(String message) {
        super(message, null, false, false);
    }
}
