package io.parley.notify.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The small HTML pages unsubscribe links answer with (no user data in them). */
final class HtmlPages {

    private HtmlPages() {
    }

    static Response page(int status, String title, String text) {
        String body = "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n"
                + "<body>\n<h1>" + title + "</h1>\n<p>" + text + "</p>\n</body>\n</html>\n";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(body).build();
    }
}
