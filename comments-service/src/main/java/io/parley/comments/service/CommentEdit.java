package io.parley.comments.service;

/**
 * An owner's change of a comment, fields as the dialect stores them. Author and website change only when the
 * request named them ({@code authorChanged}/{@code websiteChanged}); null then clears them.
 */
public record CommentEdit(String text, boolean authorChanged, String author, boolean websiteChanged, String website) {

    @Override
    public String toString() {
        return "CommentEdit[authorChanged=" + authorChanged + ", websiteChanged=" + websiteChanged + "]";
    }
}
