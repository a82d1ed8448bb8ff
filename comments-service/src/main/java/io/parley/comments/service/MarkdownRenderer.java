package io.parley.comments.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Comment markdown → safe HTML, the way Isso renders it: raw HTML escaped, hard line breaks, strikethrough,
 * sub- and superscript,
 * then a whitelist sanitiser, and every non-mailto link marked {@code rel="nofollow noopener"}. Comments are
 * rendered once when written and the HTML is stored; every dialect shows that HTML.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[a-zA-Z0-9]{1,20}");

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final PolicyFactory policy;

    public MarkdownRenderer() {
        List<Extension> extensions = List.of(StrikethroughExtension.builder().requireTwoTildes(true).build(),
                ScriptExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .softbreak("<br />\n")
                .build();
        policy = new HtmlPolicyBuilder()
                .allowElements("a", "p", "hr", "br", "ol", "ul", "li", "pre", "code", "blockquote", "del", "ins",
                        "strong", "em", "h1", "h2", "h3", "h4", "h5", "h6", "sub", "sup", "table", "thead",
                        "tbody", "th", "td")
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href").onElements("a")
                .allowAttributes("align").onElements("table")
                .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
                .allowElements((name, attrs) -> {
                    int href = attrs.indexOf("href");
                    if (href >= 0 && href % 2 == 0 && !attrs.get(href + 1).startsWith("mailto:")) {
                        attrs.add("rel");
                        attrs.add("nofollow noopener");
                    }
                    return name;
                }, "a")
                .toFactory();
    }

    /** Rendered, sanitised HTML of a comment's markdown. */
    public String render(String markdown) {
        String html = policy.sanitize(stripTrailingNewlines(renderer.render(parser.parse(markdown))));
        if (html.startsWith("<p>") || html.endsWith("</p>")) {
            return html;
        }
        return "<p>" + html + "</p>";
    }

    private static String stripTrailingNewlines(String html) {
        int end = html.length();
        while (end > 0 && html.charAt(end - 1) == '\n') {
            end--;
        }
        return html.substring(0, end);
    }
}
