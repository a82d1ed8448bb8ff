package io.parley.comments.service;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PageParserTest {

    private static final URI URL = URI.create("http://example.org/post/");

    private static FetchedPage parse(String html) {
        return PageParser.parse(URL, html.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void dataTitleAndIdAreUrlDecoded() {
        FetchedPage page = parse("<html><head><title>Doc</title></head><body><h1>Heading</h1>"
                + "<section id=\"isso-thread\" data-title=\"Caf%C3%A9+%26%20more\" data-isso-id=\"/a%20b/\"></section>");
        assertEquals("Café+& more", page.issoTitle());
        assertEquals("/a b/", page.issoId());
        assertEquals("Doc", page.documentTitle());
    }

    @Test
    void nearestHeadingWalkingUpFromTheThread() {
        FetchedPage page = parse("""
                <html><body>
                <article><header><h1>  The <em>real</em> title </h1></header>
                <div class="content"><p>text</p><div id="isso-thread"></div></div></article>
                <h1>Site name</h1></body></html>""");
        assertEquals("The real title", page.issoTitle());
        assertNull(page.issoId());
    }

    @Test
    void onlyTheFirstChildPathIsSearchedAsIssoDoes() {
        // Isso descends into the first element child only; the h1 in the second child is not found there, so the
        // walk goes up to <body>, whose first child leads to no h1 either, and the result is "no heading".
        FetchedPage page = parse("<html><body><div><p>x</p><h1>second</h1></div>"
                + "<div id=\"isso-thread\"></div></body></html>");
        assertNull(page.issoTitle());
    }

    @Test
    void divsComeBeforeSections() {
        FetchedPage page = parse("<section id=\"isso-thread\" data-title=\"from section\"></section>"
                + "<div id=\"isso-thread\" data-title=\"from div\"></div>");
        assertEquals("from div", page.issoTitle());
    }

    @Test
    void noThreadElement() {
        FetchedPage page = parse("<html><body><h1>Heading</h1><span id=\"isso-thread\"></span></body></html>");
        assertNull(page.issoTitle());
        assertNull(page.issoId());
    }

    @Test
    void charsetFromTheResponseOrTheMetaTag() {
        byte[] latin1 = "<div id=\"isso-thread\" data-title=\"Caf\u00e9\"></div>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Café", PageParser.parse(URL, latin1, "ISO-8859-1").issoTitle());
        byte[] meta = ("<html><head><meta charset=\"iso-8859-1\"></head><body>"
                + "<div id=\"isso-thread\" data-title=\"Caf\u00e9\"></div>").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Café", PageParser.parse(URL, meta, null).issoTitle());
        assertEquals("x", PageParser.parse(URL, "<div id=\"isso-thread\" data-title=\"x\">".getBytes(
                StandardCharsets.UTF_8), "no-such-charset").issoTitle());
    }

    @Test
    void unquoteKeepsMalformedSequences() {
        assertEquals("100% a+b", PageParser.unquote("100% a+b"));
        assertEquals("%zz%4", PageParser.unquote("%zz%4"));
        assertEquals("\u00e9", PageParser.unquote("%C3%A9"));
        assertEquals("\ufffd", PageParser.unquote("%C3"));
    }
}
