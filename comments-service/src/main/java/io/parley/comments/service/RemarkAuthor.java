package io.parley.comments.service;

/**
 * The signed-in user behind a Remark42 write, as the session token names them.
 *
 * @param clientAddress the client's address as received; only its anonymised network is stored
 */
public record RemarkAuthor(String id, String name, String picture, boolean admin, String clientAddress) {

    @Override
    public String toString() {
        return "RemarkAuthor[id=" + id + ", admin=" + admin + "]";
    }
}
