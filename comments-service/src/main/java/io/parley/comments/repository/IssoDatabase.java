package io.parley.comments.repository;

import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An Isso {@code comments.db} (SQLite, schema {@code user_version} 5), read once, read-only, over JDBC. */
public final class IssoDatabase {

    /** A row of {@code threads}. */
    public record Thread(long id, String uri, String title) {
    }

    /** A row of {@code comments}; {@code created}/{@code modified} are Unix seconds with fractions. */
    public record Comment(long threadId, long id, Long parent, double created, Double modified, Integer mode,
                          String remoteAddr, String text, String author, String email, String website, int likes,
                          int dislikes, Integer notification) {

        @Override
        public String toString() {
            return "IssoComment[id=" + id + ", thread=" + threadId + ", parent=" + parent + ", mode=" + mode + "]";
        }
    }

    /** Everything the importer needs. */
    public record Contents(int userVersion, List<Thread> threads, List<Comment> comments) {
    }

    private IssoDatabase() {
    }

    /** Reads {@code file}; fails with {@link IllegalArgumentException} when it is not an Isso database. */
    public static Contents read(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            Set<String> threadColumns = columns(db, "threads");
            Set<String> commentColumns = columns(db, "comments");
            if (!threadColumns.containsAll(Set.of("id", "uri", "title"))
                    || !commentColumns.containsAll(Set.of("tid", "id", "parent", "created", "modified", "mode",
                            "remote_addr", "text", "author", "email", "website", "likes", "dislikes"))) {
                throw new IllegalArgumentException("not an Isso database (tables threads/comments missing): " + file);
            }
            int version;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("pragma user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            // Isso added `notification` in schema 4; older files simply have none.
            boolean notification = commentColumns.contains("notification");
            List<Thread> threads = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select id, uri, title from threads order by id")) {
                while (rs.next()) {
                    threads.add(new Thread(rs.getLong("id"), rs.getString("uri"), rs.getString("title")));
                }
            }
            List<Comment> comments = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select tid, id, parent, created, modified, mode, remote_addr, text, "
                         + "author, email, website, likes, dislikes" + (notification ? ", notification" : "")
                         + " from comments order by id")) {
                while (rs.next()) {
                    comments.add(new Comment(rs.getLong("tid"), rs.getLong("id"), nullableLong(rs, "parent"),
                            rs.getDouble("created"), nullableDouble(rs, "modified"), nullableInt(rs, "mode"),
                            rs.getString("remote_addr"), rs.getString("text"), rs.getString("author"),
                            rs.getString("email"), rs.getString("website"), rs.getInt("likes"),
                            rs.getInt("dislikes"), notification ? nullableInt(rs, "notification") : null));
                }
            }
            return new Contents(version, threads, comments);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("SQLITE_NOTADB")) {
                throw new IllegalArgumentException("not an SQLite database: " + file);
            }
            throw e;
        }
    }

    private static Set<String> columns(Connection db, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData meta = db.getMetaData();
        try (ResultSet rs = meta.getColumns(null, null, table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
