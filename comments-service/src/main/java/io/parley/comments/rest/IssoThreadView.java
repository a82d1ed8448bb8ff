package io.parley.comments.rest;

import io.parley.comments.service.ThreadComment;
import io.parley.comments.service.ThreadPage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Isso's {@code GET /} body: {@code id, total_replies, hidden_replies, replies, config}, keys in Isso's order. */
final class IssoThreadView {

    private IssoThreadView() {
    }

    /**
     * @param gravatarUrl the Gravatar URL pattern when {@code [general] gravatar} is on, else null
     * @param config the same object {@code GET /config} returns under {@code config}
     */
    static Map<String, Object> of(ThreadPage page, boolean plain, String gravatarUrl, Map<String, Object> config) {
        Map<String, Object> body = new LinkedHashMap<>(8);
        body.put("id", page.id());
        body.put("total_replies", page.totalReplies());
        body.put("hidden_replies", page.hiddenReplies());
        body.put("replies", entries(page.replies(), plain, gravatarUrl));
        body.put("config", config);
        return body;
    }

    private static List<Map<String, Object>> entries(List<ThreadPage.Entry> entries, boolean plain, String gravatarUrl) {
        List<Map<String, Object>> list = new ArrayList<>(entries.size());
        for (ThreadPage.Entry entry : entries) {
            list.add(entry(entry, plain, gravatarUrl));
        }
        return list;
    }

    private static Map<String, Object> entry(ThreadPage.Entry entry, boolean plain, String gravatarUrl) {
        ThreadComment c = entry.comment();
        Map<String, Object> item = new LinkedHashMap<>(24);
        item.put("id", c.id());
        item.put("parent", c.parentId());
        item.put("text", plain ? c.text() : c.html());
        item.put("author", c.author());
        item.put("website", c.website());
        item.put("mode", IssoModes.of(c.state()));
        item.put("created", IssoCommentView.seconds(c.created()));
        item.put("modified", IssoCommentView.seconds(c.modified()));
        item.put("likes", c.likes());
        item.put("dislikes", c.dislikes());
        item.put("notification", c.notification());
        item.put("hash", c.hash());
        if (gravatarUrl != null) {
            item.put("gravatar_image", gravatarUrl.replace("{}", md5Hex(gravatarSource(c))));
        }
        if (entry.nested()) {
            item.put("total_replies", entry.totalReplies());
            item.put("hidden_replies", entry.hiddenReplies());
            item.put("replies", entries(entry.replies(), plain, gravatarUrl));
        }
        return item;
    }

    /** Isso hashes {@code email or author or ""} as stored, untrimmed. */
    private static String gravatarSource(ThreadComment c) {
        if (c.email() != null && !c.email().isEmpty()) {
            return c.email();
        }
        return c.author() == null ? "" : c.author();
    }

    private static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
