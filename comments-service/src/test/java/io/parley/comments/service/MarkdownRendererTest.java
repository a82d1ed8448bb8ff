package io.parley.comments.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void issoExamples() {
        assertEquals("<p><em>Ohai!</em></p>", markdown.render("*Ohai!*"));
        assertEquals("<p>&lt;em&gt;Hi&lt;/em&gt;</p>", markdown.render("<em>Hi</em>"));
        assertEquals("<p>This is <strong>mark</strong><em>down</em></p>", markdown.render("This is **mark**_down_"));
        assertEquals("<p><a href=\"http://link.com\" rel=\"nofollow noopener\">a link</a></p>",
                markdown.render("[a link](http://link.com)"));
    }

    @Test
    void rawHtmlBlocksAreEscapedNotExecuted() {
        String html = markdown.render("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
    }

    @Test
    void dangerousSchemesLoseTheirLink() {
        String html = markdown.render("[x](javascript:alert(1))");
        assertFalse(html.contains("javascript"), html);
        assertFalse(html.contains("href"), html);
    }

    @Test
    void mailtoLinksGetNoRel() {
        assertEquals("<p><a href=\"mailto:a&#64;b.c\">mail</a></p>", markdown.render("[mail](mailto:a@b.c)"));
    }

    @Test
    void hardWrapStrikethroughAndCode() {
        assertEquals("<p>one<br />two</p>", markdown.render("one\ntwo").replace("\n", ""));
        assertEquals("<p><del>gone</del></p>", markdown.render("~~gone~~"));
        String code = markdown.render("```java\nint x;\n```");
        assertTrue(code.startsWith("<p><pre><code class=\"language-java\">"), code);
        assertTrue(code.endsWith("</code></pre></p>"), code);
    }

    @Test
    void subscriptAndSuperscriptLikeMistune() {
        assertEquals("<p>H<sub>2</sub>O and 2<sup>10</sup></p>", markdown.render("H~2~O and 2^10^"));
        assertEquals("<p>a ~b c~ d</p>", markdown.render("a ~b c~ d"));
        assertEquals("<p><del>x</del> and <sub>y</sub></p>", markdown.render("~~x~~ and ~y~"));
    }

    @Test
    void unsafeCodeClassIsDropped() {
        String code = markdown.render("```java\" onclick=\"x\nint x;\n```");
        assertFalse(code.contains("onclick"), code);
    }

    @Test
    void bareUrlsStayText() {
        assertEquals("<p>see http://example.com</p>", markdown.render("see http://example.com"));
    }
}
