package io.parley.comments.service;

import io.parley.events.comments.ClientNetworks;
import io.parley.comments.config.ParleyConfig;
import io.parley.comments.messaging.OutboxRelay;
import io.parley.comments.messaging.OutboxWriter;
import io.parley.comments.repository.CommentEntity;
import io.parley.comments.repository.ImportRepository;
import io.parley.comments.repository.IssoDatabase;
import io.parley.comments.repository.PostEntity;
import io.parley.comments.repository.PostRepository;
import io.parley.events.Topics;
import io.parley.events.comments.CommentEventTypes;
import io.parley.events.comments.CommentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports an Isso {@code comments.db}: threads become posts, comments keep their ids where free, their mode,
 * author fields (already escaped and anonymised by Isso), times, votes and notification flag; replies are attached
 * to their top-level ancestor in the same thread. Each imported comment is announced as {@code comment.posted}
 * through the outbox. Idempotent: imported comments are remembered by their Isso id and never imported again.
 */
@ApplicationScoped
public class IssoImporter {

    private static final Logger LOG = Logger.getLogger(IssoImporter.class);

    @Inject
    ImportRepository imports;

    @Inject
    PostRepository posts;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ParleyConfig config;

    private AuthorHasher hasher;

    @PostConstruct
    void init() {
        hasher = new AuthorHasher(config.hash().algorithm(), config.hash().salt());
    }

    /**
     * What an import did.
     *
     * @param imported comments written now
     * @param alreadyImported comments skipped because an earlier import wrote them
     * @param renumbered imported comments whose Isso id was taken here and that got a new id
     * @param skipped comments left out (unknown mode, or their thread is missing)
     */
    public record Report(int threads, int imported, int alreadyImported, int renumbered, int skipped) {
        Report plus(Report other) {
            return new Report(threads + other.threads, imported + other.imported,
                    alreadyImported + other.alreadyImported, renumbered + other.renumbered, skipped + other.skipped);
        }
    }

    /**
     * Imports {@code file} into {@code site}. Blocking (reads SQLite, waits for each thread's transaction): call it
     * from a worker or the main thread, never from the event loop.
     *
     * @param source names the Isso database, so that two databases imported into one site are kept apart
     * @param progress told after each thread
     */
    public Report importFile(Path file, String site, String source, Consumer<String> progress) throws SQLException {
        IssoDatabase.Contents db = IssoDatabase.read(file);
        Map<Long, IssoDatabase.Comment> byId = new HashMap<>();
        Map<Long, List<IssoDatabase.Comment>> byThread = new HashMap<>();
        for (IssoDatabase.Comment c : db.comments()) {
            byId.put(c.id(), c);
            byThread.computeIfAbsent(c.threadId(), k -> new ArrayList<>()).add(c);
        }
        long maxId = db.comments().stream().mapToLong(IssoDatabase.Comment::id).max().orElse(0);
        await(() -> Panache.withTransaction(() -> imports.reserveIds(maxId)));

        Report total = new Report(0, 0, 0, 0, 0);
        Set<Long> threadIds = new HashSet<>();
        int done = 0;
        for (IssoDatabase.Thread thread : db.threads()) {
            threadIds.add(thread.id());
            List<IssoDatabase.Comment> comments = byThread.getOrDefault(thread.id(), List.of());
            done++;
            if (comments.isEmpty() || thread.uri() == null) {
                total = total.plus(new Report(0, 0, 0, 0, comments.size()));
                continue;
            }
            Map<Long, Long> ancestors = new HashMap<>();
            for (IssoDatabase.Comment c : comments) {
                ancestors.put(c.id(), topLevelAncestor(c, byId));
            }
            // Top-level comments first, so every reply finds its parent already imported.
            List<IssoDatabase.Comment> ordered = new ArrayList<>(comments);
            ordered.sort(Comparator.comparing((IssoDatabase.Comment c) -> ancestors.get(c.id()) != null)
                    .thenComparingLong(IssoDatabase.Comment::id));
            Report report = await(() -> Panache.withTransaction(() -> importThread(site, source, thread, ordered,
                    ancestors)));
            total = total.plus(report);
            relay.trigger();
            progress.accept("thread " + done + "/" + db.threads().size() + " " + thread.uri() + ": "
                    + report.imported() + " imported, " + report.alreadyImported() + " already there");
        }
        int orphans = (int) db.comments().stream().filter(c -> !threadIds.contains(c.threadId())).count();
        total = total.plus(new Report(0, 0, 0, 0, orphans));
        LOG.infof("Isso import into site %s: %s", site, total);
        return total;
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            // The reactive session needs a Vert.x context; this runs the work on one and waits here.
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    private Uni<Report> importThread(String site, String source, IssoDatabase.Thread thread,
                                     List<IssoDatabase.Comment> comments, Map<Long, Long> ancestors) {
        List<Long> ids = comments.stream().map(IssoDatabase.Comment::id).toList();
        return imports.lock(source, site)
                .chain(() -> posts.findOrCreate(site, IssoRules.withoutNul(thread.uri()),
                        IssoRules.withoutNul(thread.title())))
                .chain(post -> imports.imported(source, site, ids).chain(mapped -> {
                    int[] counts = new int[4];
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (IssoDatabase.Comment c : comments) {
                        chain = chain.chain(() -> {
                            if (mapped.containsKey(c.id())) {
                                counts[1]++;
                                return Uni.createFrom().voidItem();
                            }
                            CommentState state = state(c.mode());
                            if (state == null) {
                                counts[3]++;
                                return Uni.createFrom().voidItem();
                            }
                            Long ancestor = ancestors.get(c.id());
                            CommentEntity entity = entity(post, c, state, ancestor == null ? null : mapped.get(ancestor));
                            return imports.insert(entity, c.id()).chain(id -> {
                                entity.id = id;
                                mapped.put(c.id(), id);
                                counts[0]++;
                                if (id != c.id()) {
                                    counts[2]++;
                                }
                                return imports.remember(source, site, c.id(), id)
                                        .chain(() -> outbox.append(Topics.COMMENT_EVENTS,
                                                Topics.postKey(post.site, post.uri), CommentEventTypes.POSTED,
                                                CommentService.imported(post, entity)))
                                        .replaceWithVoid();
                            });
                        });
                    }
                    return chain.map(ignored -> new Report(1, counts[0], counts[1], counts[2], counts[3]));
                }));
    }

    /** The comment as it will be stored; its id is set once inserted. */
    private CommentEntity entity(PostEntity post, IssoDatabase.Comment c, CommentState state, Long parentId) {
        String text = state == CommentState.DELETED_PLACEHOLDER ? "" : IssoRules.withoutNul(c.text() == null ? "" : c.text());
        String network = ClientNetworks.anonymise(c.remoteAddr());
        String email = IssoRules.withoutNul(c.email());
        CommentEntity e = new CommentEntity();
        e.postId = post.id;
        e.parentId = parentId;
        e.state = state;
        e.text = text;
        e.html = markdown.render(text);
        e.author = IssoRules.withoutNul(c.author());
        e.email = email;
        e.website = IssoRules.withoutNul(c.website());
        e.clientNetwork = network;
        // As Isso: from the stored email, else the stored (anonymised) address.
        e.authorHash = hasher.hash(email != null && !email.isEmpty() ? email : network);
        e.notification = c.notification();
        e.created = instant(c.created());
        e.modified = c.modified() == null ? null : instant(c.modified());
        e.version = 1;
        e.likes = c.likes();
        e.dislikes = c.dislikes();
        return e;
    }

    /** Isso modes: 1 published, 2 pending, 4 deleted with replies; anything else is not imported. */
    static CommentState state(Integer mode) {
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case 1 -> CommentState.PUBLISHED;
            case 2 -> CommentState.PENDING;
            case 4 -> CommentState.DELETED_PLACEHOLDER;
            default -> null;
        };
    }

    /**
     * Isso's parent rule: a missing parent or one in another thread makes a top-level comment; otherwise the
     * top-most ancestor in the same thread (older databases nested deeper).
     */
    static Long topLevelAncestor(IssoDatabase.Comment c, Map<Long, IssoDatabase.Comment> byId) {
        IssoDatabase.Comment parent = c.parent() == null ? null : byId.get(c.parent());
        if (parent == null || parent.threadId() != c.threadId() || parent.id() == c.id()) {
            return null;
        }
        Set<Long> seen = new HashSet<>();
        seen.add(c.id());
        while (parent.parent() != null && seen.add(parent.id())) {
            IssoDatabase.Comment up = byId.get(parent.parent());
            if (up == null || up.threadId() != c.threadId() || seen.contains(up.id())) {
                break;
            }
            parent = up;
        }
        return parent.id();
    }

    /** Unix seconds with fractions, to the microsecond. */
    static Instant instant(double seconds) {
        long micros = Math.round(seconds * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
