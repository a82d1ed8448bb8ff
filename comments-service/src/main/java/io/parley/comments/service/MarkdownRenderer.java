package io.parley.comments.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.util.ArrayList;
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

    /** Whose rules a comment is rendered by; both use the same libraries. */
    public enum Flavour {
        /** Raw HTML escaped; links {@code nofollow noopener}; no images. */
        ISSO,
        /**
         * Remark42 (blackfriday + bluemonday UGC): tables, autolinks, raw HTML passed to the sanitiser, images
         * ({@code loading="lazy"}), links {@code rel="nofollow"}.
         */
        REMARK42
    }

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final PolicyFactory policy;
    private final Parser remarkParser;
    private final HtmlRenderer remarkRenderer;
    private final PolicyFactory remarkPolicy;

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
        List<Extension> remarkExtensions = List.of(StrikethroughExtension.builder().requireTwoTildes(true).build(),
                TablesExtension.create(), AutolinkExtension.create());
        remarkParser = Parser.builder().extensions(remarkExtensions).build();
        remarkRenderer = HtmlRenderer.builder().extensions(remarkExtensions).softbreak("<br />\n").build();
        remarkPolicy = new HtmlPolicyBuilder()
                .allowElements("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
                        "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
                        "mark", "ol", "p", "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup",
                        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul")
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href").onElements("a")
                .allowAttributes("src", "alt", "title").onElements("img")
                .allowAttributes("title").onElements("a")
                .allowAttributes("align").onElements("td", "th")
                .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
                .allowAttributes("class").matching(Pattern.compile("chroma")).onElements("pre")
                .allowAttributes("class").matching(Pattern.compile("twitter-tweet")).onElements("blockquote")
                .requireRelsOnLinks("nofollow")
                .allowElements((name, attrs) -> {
                    attrs.add("loading");
                    attrs.add("lazy");
                    return name;
                }, "img")
                .allowAttributes("loading").matching(Pattern.compile("lazy|eager")).onElements("img")
                .toFactory();
    }

    /** Rendered, sanitised HTML of a comment's markdown (Isso's rules). */
    public String render(String markdown) {
        return render(markdown, Flavour.ISSO);
    }

    /** Rendered, sanitised HTML of a comment's markdown by the rules of {@code flavour}. */
    public String render(String markdown, Flavour flavour) {
        if (flavour == Flavour.REMARK42) {
            return remarkPolicy.sanitize(stripTrailingNewlines(remarkRenderer.render(remarkParser.parse(markdown))));
        }
        String html = policy.sanitize(stripTrailingNewlines(renderer.render(parser.parse(markdown))));
        if (html.startsWith("<p>") || html.endsWith("</p>")) {
            return html;
        }
        return "<p>" + html + "</p>";
    }

    /**
     * Destinations of the markdown links and images of a Remark42 comment (bare URLs that become links
     * included), for its rule that every one be an absolute http(s) or mailto URL.
     */
    public List<String> linkDestinations(String markdown) {
        List<String> found = new ArrayList<>();
        remarkParser.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                found.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                found.add(image.getDestination());
                visitChildren(image);
            }
        });
        return found;
    }

    private static String stripTrailingNewlines(String html) {
        int end = html.length();
        while (end > 0 && html.charAt(end - 1) == '\n') {
            end--;
        }
        return html.substring(0, end);
    }
}
