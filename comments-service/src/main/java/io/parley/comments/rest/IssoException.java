package io.parley.comments.rest;

/**
 * An Isso error answer. {@code htmlOnly} marks the errors Isso returns rather than raises (validation), which
 * are always the HTML page, even for JSON clients.
 */
public class IssoException extends RuntimeException {
    private final int status;
    private final boolean htmlOnly;

    public IssoException(int status, String description, boolean htmlOnly) {
        super(description, null, false, false);
        this.status = status;
        this.htmlOnly = htmlOnly;
    }

    public static IssoException badRequest(String description) {
        return new IssoException(400, description, false);
    }

    public static IssoException invalid(String description) {
        return new IssoException(400, description, true);
    }

    public int status() {
        return status;
    }

    public boolean htmlOnly() {
        return htmlOnly;
    }
}
