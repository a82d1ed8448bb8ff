package io.parley.comments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A write that was started runs to its end. When a client disconnects, Quarkus REST cancels the request's
 * {@link Uni}; cancelling a running {@code Panache.withTransaction} closes its session with the transaction still
 * open, which Hibernate Reactive rolls back and logs as an error ("Live transaction detected while closing the
 * connection", quarkusio/quarkus#51576, hibernate-reactive#2926). Detached from the caller's cancellation, the
 * transaction commits or rolls back normally and only its result is dropped.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);

    private Transactions() {
    }

    /** {@link Panache#withTransaction(Supplier)} that is not cut short by the caller's cancellation. */
    public static <T> Uni<T> withTransaction(Supplier<Uni<T>> work) {
        return runToCompletion(Panache.withTransaction(work));
    }

    /** {@code work}, subscribed once per subscriber, not cancelled when that subscriber cancels. */
    public static <T> Uni<T> runToCompletion(Uni<T> work) {
        // Subscribed on the caller's (Vert.x) context, which the reactive session needs. Once the caller has gone,
        // the outcome has nobody to go to: a failure (e.g. a guard rejection) is only worth a debug line.
        return Uni.createFrom().emitter(emitter -> {
            // Terminated before we complete it: only by the caller's cancellation.
            AtomicBoolean gone = new AtomicBoolean();
            emitter.onTermination(() -> gone.set(true));
            work.subscribe().with(
                    item -> {
                        if (!gone.get()) {
                            emitter.complete(item);
                        }
                    },
                    failure -> {
                        if (gone.get()) {
                            LOG.debugf("write finished after its caller left: %s", failure.getClass().getSimpleName());
                        } else {
                            emitter.fail(failure);
                        }
                    });
        });
    }
}
