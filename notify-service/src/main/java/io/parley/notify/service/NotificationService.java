package io.parley.notify.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.parley.events.comments.CommentData;
import io.parley.events.comments.CommentEvent;
import io.parley.notify.repository.CommentReplica;
import io.parley.notify.repository.CommentReplicaRepository;
import io.parley.notify.repository.DeliveryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies one comment event: first the mails it causes go into the delivery log (keyed by event and recipient),
 * then the replica moves to the event's version. A redelivery after both steps finds the version stored and does
 * nothing; one after the first step only plans the same mails again, which the log's unique key drops.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    @Inject
    CommentReplicaRepository replicas;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    NotificationPlanner planner;

    @Inject
    DeliveryEngine engine;

    /** @return true when the event was new to this service */
    public Uni<Boolean> apply(String eventId, CommentEvent event) {
        CommentData comment = event.comment();
        return replicas.find(comment.id()).flatMap(previous -> {
            if (previous != null && previous.version() >= comment.version()) {
                return Uni.createFrom().item(false);
            }
            return planner.plan(eventId, event, previous)
                    .flatMap(mails -> Multi.createFrom().iterable(mails)
                            .onItem().transformToUniAndConcatenate(deliveries::enqueue)
                            .collect().with(java.util.stream.Collectors.counting()))
                    .invoke(count -> {
                        if (count > 0) {
                            LOG.debugf("Event %s: %d mail(s) queued", eventId, count);
                            engine.trigger();
                        }
                    })
                    .chain(() -> replicas.upsert(replica(event)))
                    .replaceWith(true);
        });
    }

    private static CommentReplica replica(CommentEvent event) {
        CommentData c = event.comment();
        var author = c.author();
        return new CommentReplica(c.id(), event.site(), event.postUrl(), c.parentId(), c.postTitle(),
                author == null ? null : author.name(), author == null ? null : author.email(),
                author != null && author.wantsReplyNotifications(), author == null ? null : author.userId(), c.state(),
                c.version(), c.created());
    }
}
