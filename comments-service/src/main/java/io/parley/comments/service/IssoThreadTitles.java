package io.parley.comments.service;

import io.parley.comments.repository.PostRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Isso's title for a new thread posted without one: the page {@code <site origin><uri>} is read and its
 * {@code #isso-thread} element gives the title ({@code data-title}, else the nearest {@code h1}, else
 * {@code Untitled.}) and may rename the thread ({@code data-isso-id}). Only when discovery is configured.
 */
@ApplicationScoped
public class IssoThreadTitles {

    static final String UNTITLED = "Untitled.";
    /** Same bound as the thread key of a request. */
    private static final int MAX_URI_BYTES = 2048;

    @Inject
    PageTitleFetcher pages;

    @Inject
    PostRepository posts;

    /** The configured origins pages may be read from (empty: discovery off). */
    public java.util.List<String> origins() {
        return pages.origins();
    }

    /**
     * {@code comment} unchanged when it has a title, its thread exists or discovery is off; otherwise with the
     * title (and thread key) the page gives. Fails with {@link PageFetchException} when the page cannot be read.
     *
     * @param siteOrigin the configured origin the request comes from ({@code scheme://host[:port]})
     */
    public Uni<NewComment> complete(NewComment comment, String siteOrigin) {
        if (comment.title() != null || !pages.enabled()) {
            return Uni.createFrom().item(comment);
        }
        return Panache.withSession(() -> posts.findBySiteAndUri(comment.site(), comment.uri())).flatMap(post -> {
            if (post != null) {
                return Uni.createFrom().item(comment);
            }
            URI url = pageUrl(siteOrigin, comment.uri());
            if (url == null) {
                return Uni.createFrom().failure(new PageFetchException("no page address for this thread"));
            }
            return pages.fetch(url).map(page -> withThread(comment, threadKey(page.issoId(), comment.uri()),
                    page.issoTitle() == null ? UNTITLED : page.issoTitle()));
        });
    }

    /** Isso requests the thread key as the path on the site's host; a key that is no path has no page. */
    static URI pageUrl(String siteOrigin, String uri) {
        if (siteOrigin == null || uri == null || !uri.startsWith("/") || uri.startsWith("//")) {
            return null;
        }
        try {
            URI url = URI.create(siteOrigin + uri);
            return siteOrigin.equals(PageTitleFetcher.origin(url)) ? url : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The page's {@code data-isso-id} renames the thread, if it is a usable key. */
    private static String threadKey(String issoId, String requested) {
        if (issoId == null || issoId.isEmpty() || issoId.indexOf('\0') >= 0
                || issoId.getBytes(StandardCharsets.UTF_8).length > MAX_URI_BYTES) {
            return requested;
        }
        return issoId;
    }

    private static NewComment withThread(NewComment c, String uri, String title) {
        return new NewComment(c.site(), uri, title, c.text(), c.author(), c.email(), c.website(), c.parentId(),
                c.notification(), c.clientAddress());
    }
}
