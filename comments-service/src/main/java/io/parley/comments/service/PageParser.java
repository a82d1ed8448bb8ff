package io.parley.comments.service;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a fetched HTML page the way Isso's {@code parse.thread} does (with jsoup's HTML5 parser). */
final class PageParser {

    private PageParser() {
    }

    /**
     * @param charset from the response's Content-Type, or null: then a BOM or {@code <meta charset>} decides,
     *                else UTF-8
     */
    static FetchedPage parse(URI url, byte[] body, String charset) {
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(body), charset, url.toString());
        } catch (IOException | IllegalArgumentException e) {
            // An unknown charset name: read it as UTF-8.
            document = Jsoup.parse(new String(body, StandardCharsets.UTF_8), url.toString());
        }
        String documentTitle = document.title().strip();
        Element thread = threadElement(document);
        if (thread == null) {
            return new FetchedPage(url, documentTitle.isEmpty() ? null : documentTitle, null, null);
        }
        String id = thread.hasAttr("data-isso-id") ? unquote(thread.attr("data-isso-id")) : null;
        String title = thread.hasAttr("data-title") ? unquote(thread.attr("data-title")) : headingAbove(thread);
        return new FetchedPage(url, documentTitle.isEmpty() ? null : documentTitle, id, title);
    }

    /** Isso looks at every {@code div}, then every {@code section}, for {@code id="isso-thread"}. */
    private static Element threadElement(Document document) {
        for (String tag : List.of("div", "section")) {
            for (Element element : document.getElementsByTag(tag)) {
                if ("isso-thread".equals(element.id())) {
                    return element;
                }
            }
        }
        return null;
    }

    /**
     * From the thread element upwards: at each ancestor, follow first element children down (Isso's
     * {@code recurse}) and take the first {@code h1} met; its text, stripped.
     */
    private static String headingAbove(Element start) {
        Set<Element> visited = new HashSet<>();
        for (Element el = start; el != null; el = el.parent()) {
            visited.add(el);
            Element h1 = firstHeading(el, visited);
            if (h1 != null) {
                return text(h1).strip();
            }
        }
        return null;
    }

    /** Isso's recurse: the first element child is either the h1 or the only path followed. */
    private static Element firstHeading(Element node, Set<Element> visited) {
        for (Element child : node.children()) {
            if ("h1".equalsIgnoreCase(child.tagName())) {
                return child;
            }
            if (!visited.contains(child)) {
                return firstHeading(child, visited);
            }
        }
        return null;
    }

    /** Every text node below {@code element}, concatenated as written (no whitespace normalisation). */
    private static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode t) {
                text.append(t.getWholeText());
            } else if (node instanceof Element child) {
                text.append(text(child));
            }
        }
        return text.toString();
    }

    /** Python's {@code urllib.parse.unquote}: %XX sequences as UTF-8, malformed ones kept, '+' kept. */
    static String unquote(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && hex(value.charAt(i + 1)) >= 0 && hex(value.charAt(i + 2)) >= 0) {
                bytes.write(hex(value.charAt(i + 1)) * 16 + hex(value.charAt(i + 2)));
                i += 3;
                continue;
            }
            flush(bytes, out);
            out.append(c);
            i++;
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            // Invalid UTF-8 becomes U+FFFD, as Python's errors='replace'.
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
