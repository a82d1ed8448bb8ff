package io.parley.comments.service;

import java.util.List;

/**
 * The answer to a {@link ThreadQuery}: counts and the listed comments. Entries of the top level carry their
 * own reply counts and replies ({@code nested}); entries of a reply list do not.
 */
public record ThreadPage(Long id, int totalReplies, int hiddenReplies, List<Entry> replies) {

    public record Entry(ThreadComment comment, boolean nested, int totalReplies, int hiddenReplies,
                        List<Entry> replies) {
    }
}
