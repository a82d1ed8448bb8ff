package io.parley.notify.service;

/** Undoes the escaping comments-service applies to Isso names and websites, so templates escape once. */
final class Html {

    private Html() {
    }

    static String unescape(String value) {
        if (value == null || value.indexOf('&') < 0) {
            return value;
        }
        return value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
