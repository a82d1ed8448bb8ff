package io.parley.feed.rest;

import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.parley.feed.service.StoredComment;

/**
 * Writes Isso's per-thread Atom feed (RFC 4287 with RFC 4685 threading) element for element as Isso does, with
 * the JDK's StAX writer: ids {@code tag:<host>,2018:/isso/...}, titles, {@code #isso-<id>} links and
 * {@code thr:in-reply-to} for replies. Times are UTC (Isso prints server-local time with a {@code Z}).
 */
final class IssoAtomFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String THREAD = "http://purl.org/syndication/thread/1.0";
    /** What Isso writes as {@code updated} of a feed without entries (a fixed literal). */
    static final String EMPTY_UPDATED = "1970-01-01T01:00:00Z";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final String base;
    private final String host;

    /** @param base the public base URL of the site, {@code [rss] base}; trailing slashes are ignored */
    IssoAtomFeed(String base) {
        this.base = base.replaceAll("/+$", "");
        this.host = host(this.base);
    }

    /** Python's {@code urlparse(base).netloc}; like it, never fails (a broken base only gives an empty host). */
    private static String host(String base) {
        try {
            String authority = URI.create(base).getRawAuthority();
            return authority == null ? "" : authority;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * @param uri     the thread uri as requested
     * @param tid     the thread's id in feed ids
     * @param entries the comments in feed order (the first one dates the feed)
     */
    String write(String uri, long tid, List<StoredComment> entries) {
        StringWriter out = new StringWriter();
        out.write("<?xml version='1.0' encoding='utf-8'?>\n");
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeNamespace("thr", THREAD);
            text(xml, "updated", entries.isEmpty() ? EMPTY_UPDATED : time(entries.get(0).updated()));
            text(xml, "id", "tag:" + host + ",2018:/isso/thread" + uri);
            text(xml, "title", "Comments for " + host + uri);
            for (StoredComment comment : entries) {
                xml.writeStartElement("entry");
                text(xml, "id", entryId(tid, comment.id()));
                text(xml, "title", "Comment #" + comment.id());
                text(xml, "updated", time(comment.updated()));
                xml.writeStartElement("author");
                text(xml, "name", comment.authorName());
                xml.writeEndElement();
                xml.writeEmptyElement("link");
                xml.writeAttribute("href", link(uri, comment.id()));
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                if (comment.html() != null) {
                    xml.writeCharacters(comment.html());
                }
                xml.writeEndElement();
                if (comment.parentId() != null) {
                    xml.writeEmptyElement("thr", "in-reply-to", THREAD);
                    xml.writeAttribute("ref", entryId(tid, comment.parentId()));
                    xml.writeAttribute("href", link(uri, comment.parentId()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return out.toString();
    }

    private String entryId(long tid, long id) {
        return "tag:" + host + ",2018:/isso/" + tid + "/" + id;
    }

    private String link(String uri, long id) {
        return base + uri + "#isso-" + id;
    }

    private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
        xml.writeStartElement(element);
        if (text != null) {
            xml.writeCharacters(text);
        }
        xml.writeEndElement();
    }

    /** Python's {@code isoformat()} plus {@code Z}: microseconds only when not zero. */
    static String time(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int micros = utc.getNano() / 1_000;
        return SECONDS.format(utc) + (micros == 0 ? "" : String.format(".%06d", micros)) + "Z";
    }
}
