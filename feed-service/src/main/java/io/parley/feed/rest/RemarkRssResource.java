package io.parley.feed.rest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import io.parley.feed.config.FeedConfig;
import io.parley.feed.service.RemarkRssService;
import io.parley.feed.service.RemarkRssService.Entry;
import io.parley.feed.service.RemarkUsers;
import io.parley.feed.service.StoredComment;
import io.smallrye.mutiny.Uni;

/** Remark42's RSS 2.0 feeds (remark42.md §6): a post's comments, a site's comments, replies to a user. */
@Path("/api/v1/rss")
@Tag(name = "Remark42")
public class RemarkRssResource {

    static final String RSS = "application/xml; charset=utf-8";
    private static final int ERR_POST_NOT_FOUND = 5;
    private static final int ERR_SITE_NOT_FOUND = 6;
    private static final int SNIPPET_LENGTH = 300;

    @Inject
    RemarkRssService feeds;

    @Inject
    FeedConfig config;

    Clock clock = Clock.systemUTC();

    @GET
    @Path("/post")
    @Operation(summary = "RSS of a post's comments, newest first")
    public Uni<Response> post(@QueryParam("site") String site, @QueryParam("url") String url) {
        if (url == null || url.isBlank()) {
            return error("missing url", "can't get post comments", ERR_POST_NOT_FOUND);
        }
        return withSite(site, "can't get post comments", s -> feeds.post(s, url)
                .map(entries -> rss(url, "post comments for " + url, entries)));
    }

    @GET
    @Path("/site")
    @Operation(summary = "RSS of a site's newest comments")
    public Uni<Response> site(@QueryParam("site") String site) {
        return withSite(site, "can't get site comments", s -> feeds.site(s)
                .map(entries -> rss(s, "site comment for " + s, entries)));
    }

    @GET
    @Path("/reply")
    @Operation(summary = "RSS of replies to a user's comments in the last 31 days")
    public Uni<Response> reply(@QueryParam("site") String site, @QueryParam("user") String user) {
        if (user == null || user.isBlank()) {
            return error("missing user", "can't get replies", ERR_POST_NOT_FOUND);
        }
        return withSite(site, "can't get replies", s -> feeds.repliesTo(s, user, clock.instant()).map(entries -> {
            String name = entries.isEmpty() ? user : RemarkUsers.name(entries.get(0).parent());
            return rss(s, "replies to " + name, entries);
        }));
    }

    private Uni<Response> withSite(String site, String details,
                                   java.util.function.Function<String, Uni<Response>> feed) {
        // '|' separates site and URL in post keys, so no site id contains it.
        if (site != null && site.contains("|")) {
            return error("site " + site + " not found", details, ERR_SITE_NOT_FOUND);
        }
        return feed.apply(site == null || site.isBlank() ? config.defaultSite() : site);
    }

    private static Response rss(String link, String description, List<Entry> entries) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle("Remark42 comments");
        feed.setLink(link);
        feed.setDescription(description);
        if (!entries.isEmpty()) {
            feed.setPublishedDate(Date.from(entries.get(0).comment().created()));
        }
        List<SyndEntry> items = new ArrayList<>(entries.size());
        entries.forEach(entry -> items.add(item(entry)));
        feed.setEntries(items);
        try {
            return Response.ok(new SyndFeedOutput().outputString(feed), RSS).build();
        } catch (FeedException e) {
            // Only reachable through a bug in building the feed above, never through request input.
            throw new IllegalStateException("cannot write RSS", e);
        }
    }

    private static SyndEntry item(Entry entry) {
        StoredComment comment = entry.comment();
        StoredComment parent = entry.parent();
        String title = RemarkUsers.name(comment);
        if (parent != null) {
            title += " > " + RemarkUsers.name(parent);
        }
        if (comment.postTitle() != null && !comment.postTitle().isEmpty()) {
            title += ", " + comment.postTitle();
        }
        String html = comment.html() == null ? "" : comment.html();
        if (parent != null) {
            html += "<blockquote><p>" + escape(snippet(parent.html())) + "</p></blockquote>";
        }
        SyndContentImpl description = new SyndContentImpl();
        description.setType("text/html");
        description.setValue(html);

        SyndEntry item = new SyndEntryImpl();
        item.setTitle(title);
        item.setLink(comment.postUrl() + "#remark42__comment-" + comment.id());
        item.setUri(Long.toString(comment.id()));
        item.setAuthor(RemarkUsers.name(comment));
        item.setPublishedDate(Date.from(comment.created()));
        item.setDescription(description);
        return item;
    }

    /** The parent's text without markup, cut at a word boundary after at most 300 characters. */
    static String snippet(String html) {
        // Block boundaries become spaces, inline tags vanish ("<b>this</b>?" stays "this?").
        String text = html == null ? "" : html
                .replaceAll("(?i)<(br|/p|/li|/blockquote|/h[1-6]|/pre|/tr|/td|/th)\\b[^>]*>", " ")
                .replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").trim()
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        if (text.length() <= SNIPPET_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SNIPPET_LENGTH);
        return text.substring(0, cut > 0 ? cut : SNIPPET_LENGTH) + "...";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Uni<Response> error(String error, String details, int code) {
        return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(new RemarkViews.Error(error, details, code)).build());
    }
}
