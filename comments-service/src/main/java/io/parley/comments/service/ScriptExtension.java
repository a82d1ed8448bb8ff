package io.parley.comments.service;

import org.commonmark.Extension;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Delimited;
import org.commonmark.node.Node;
import org.commonmark.node.Nodes;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.parser.delimiter.DelimiterProcessor;
import org.commonmark.parser.delimiter.DelimiterRun;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.Map;
import java.util.Set;

/**
 * Mistune's {@code subscript} ({@code H~2~O}) and {@code superscript} ({@code 2^10^}) plugins, which Isso enables
 * by default: a single delimiter on each side and no whitespace inside. {@code ~~x~~} stays strikethrough.
 */
final class ScriptExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    private ScriptExtension() {
    }

    static Extension create() {
        return new ScriptExtension();
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.customDelimiterProcessor(new ScriptDelimiterProcessor('~', "sub"));
        builder.customDelimiterProcessor(new ScriptDelimiterProcessor('^', "sup"));
    }

    @Override
    public void extend(HtmlRenderer.Builder builder) {
        builder.nodeRendererFactory(ScriptRenderer::new);
    }

    static final class Script extends CustomNode implements Delimited {
        final String tag;
        private final String delimiter;

        Script(String tag, char delimiter) {
            this.tag = tag;
            this.delimiter = String.valueOf(delimiter);
        }

        @Override
        public String getOpeningDelimiter() {
            return delimiter;
        }

        @Override
        public String getClosingDelimiter() {
            return delimiter;
        }
    }

    private static final class ScriptDelimiterProcessor implements DelimiterProcessor {
        private final char delimiter;
        private final String tag;

        ScriptDelimiterProcessor(char delimiter, String tag) {
            this.delimiter = delimiter;
            this.tag = tag;
        }

        @Override
        public char getOpeningCharacter() {
            return delimiter;
        }

        @Override
        public char getClosingCharacter() {
            return delimiter;
        }

        @Override
        public int getMinLength() {
            return 1;
        }

        @Override
        public int process(DelimiterRun openingRun, DelimiterRun closingRun) {
            if (openingRun.length() != 1 || closingRun.length() != 1) {
                return 0;
            }
            Text opener = openingRun.getOpener();
            Text closer = closingRun.getCloser();
            boolean any = false;
            for (Node node : Nodes.between(opener, closer)) {
                if (!(node instanceof Text text) || text.getLiteral().chars().anyMatch(Character::isWhitespace)) {
                    return 0;
                }
                any = true;
            }
            if (!any) {
                return 0;
            }
            Script script = new Script(tag, delimiter);
            for (Node node : Nodes.between(opener, closer)) {
                script.appendChild(node);
            }
            opener.insertAfter(script);
            return 1;
        }
    }

    private static final class ScriptRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        ScriptRenderer(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Script.class);
        }

        @Override
        public void render(Node node) {
            Script script = (Script) node;
            html.tag(script.tag, Map.of());
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
            html.tag("/" + script.tag);
        }
    }
}
