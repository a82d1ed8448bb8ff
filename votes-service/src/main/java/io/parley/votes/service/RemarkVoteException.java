package io.parley.votes.service;

/**
 * A Remark42 vote refused with its error code, answered as {@code {"error","details","code"}}.
 */
public class RemarkVoteException extends RuntimeException {

    public static final int VOTE_REJECTED = 12;
    public static final int VOTE_SELF = 13;
    public static final int VOTE_TWICE = 14;
    public static final int VOTE_MAX = 15;
    public static final int VOTE_MIN_SCORE = 16;
    public static final int USER_BLOCKED = 7;
    public static final int READ_ONLY = 8;

    private final int status;
    private final int code;
    private final String details;

    public RemarkVoteException(int status, int code, String error, String details) {
        super(error, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    /** A refusal of the vote rules: 400, "can't vote for comment". */
    static RemarkVoteException rejected(int code, String error) {
        return new RemarkVoteException(400, code, error, "can't vote for comment");
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
