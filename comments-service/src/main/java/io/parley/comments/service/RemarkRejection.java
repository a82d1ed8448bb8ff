package io.parley.comments.service;

/**
 * A Remark42 request refused by its rules, answered as {@code {"error", "details", "code"}} with Remark42's error
 * code ({@code rest/httperrors.go}). Messages are public: they never carry private data.
 */
public class RemarkRejection extends RuntimeException {

    public static final int INTERNAL = 0;
    public static final int COMMENT_NOT_FOUND = 1;
    public static final int DECODE = 2;
    public static final int NO_ACCESS = 3;
    public static final int VALIDATION = 4;
    public static final int POST_NOT_FOUND = 5;
    public static final int USER_BLOCKED = 7;
    public static final int READ_ONLY = 8;
    public static final int EDIT_EXPIRED = 10;
    public static final int HAS_REPLIES = 11;
    public static final int ACTION_REJECTED = 17;

    private final int status;
    private final int code;
    private final String details;

    public RemarkRejection(int status, int code, String error, String details) {
        super(error, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static RemarkRejection badRequest(int code, String error, String details) {
        return new RemarkRejection(400, code, error, details);
    }

    public static RemarkRejection forbidden(int code, String error, String details) {
        return new RemarkRejection(403, code, error, details);
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public String details() {
        return details;
    }
}
