package io.parley.feed.service;

/**
 * The relay of the {@code post-info} topic as the projector sees it: told when a post's public info changed
 * (the post document then carries the pending marker), so it publishes without waiting for its next sweep.
 */
public interface PostInfoOutbox {

    /** Asks for a publishing pass; returns at once. */
    void wake();
}
