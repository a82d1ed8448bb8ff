package io.parley.votes.rest;

/** An Isso request refused with a status and werkzeug's description. */
class IssoError extends RuntimeException {

    private final int status;

    IssoError(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
