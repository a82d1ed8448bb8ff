package io.parley.notify.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.notify.config.NotifyConfig;
import io.parley.notify.repository.Delivery;
import io.parley.notify.repository.DeliveryRepository;
import io.parley.notify.repository.RateLimitRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Sends what the delivery log holds. Each mail is first claimed (PENDING to SENDING, one atomic update), then
 * handed to SMTP, then marked SENT. A failed try goes back to PENDING with an exponential backoff, and after the
 * last try becomes a dead letter. Several lanes work side by side and each takes the next due mail, so a failing
 * or rate-limited recipient never holds up the others.
 *
 * <p>A crash between claim and mark leaves the mail SENDING; it is unknown whether SMTP took it. After the lease
 * such mails become dead letters instead of being sent again: at most one mail per (event, recipient). A graceful
 * stop (SIGTERM) claims nothing new and waits for the mails in hand, so restarts do not lose mail.
 */
@ApplicationScoped
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    @Inject
    NotifyConfig config;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    RateLimitRepository rateLimits;

    @Inject
    ReactiveMailer mailer;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private volatile Instant lastInterruptedCheck = Instant.EPOCH;
    private long timer = -1;

    private Counter sent;
    private Counter retried;
    private Counter dead;
    private Counter deferred;

    @PostConstruct
    void meters() {
        sent = outcome("sent");
        retried = outcome("retry");
        dead = outcome("dead-letter");
        deferred = outcome("rate-limited");
    }

    private Counter outcome(String outcome) {
        return Counter.builder("parley.notify.mails").description("mail delivery attempts by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void start(@Observes StartupEvent startup) {
        deliveries.createIndexes().subscribe().with(ok -> { }, failure -> LOG.warnf(
                "Delivery log index not created (%s); sending works without it", failure.getMessage()));
        timer = vertx.setPeriodic(config.settings().delivery().pollInterval().toMillis(), id -> trigger());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warnf("Stopping with %d mail(s) in hand; they become dead letters after the lease", inFlight.get());
        }
    }

    /** Starts a run now, or right after the current one, so new mails do not wait for the next poll. */
    public void trigger() {
        if (stopping) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        recoverInterrupted()
                .chain(this::sendDue)
                .subscribe().with(done -> finish(), failure -> {
                    LOG.warnf("Delivery run failed, next poll retries: %s", failure.getMessage());
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (again.get()) {
            trigger();
        }
    }

    /** Every lease/4 at most: mails claimed longer than the lease ago were interrupted by a crash. */
    private Uni<Void> recoverInterrupted() {
        Instant now = Instant.now();
        Duration lease = config.settings().delivery().lease();
        if (lastInterruptedCheck.plus(lease.dividedBy(4)).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        lastInterruptedCheck = now;
        return deliveries.deadLetterInterrupted(now.minus(lease), now).invoke(count -> {
            if (count > 0) {
                dead.increment(count);
                LOG.warnf("%d mail(s) interrupted during send became dead letters", count);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> sendDue() {
        int lanes = Math.max(1, config.settings().delivery().concurrency());
        List<Uni<Void>> all = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            all.add(lane());
        }
        return Uni.join().all(all).andCollectFailures().replaceWithVoid();
    }

    /** Claims and delivers due mails one after the other until none is due. */
    private Uni<Void> lane() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.claimNext(Instant.now()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            inFlight.incrementAndGet();
            return deliver(claimed.get())
                    .eventually(inFlight::decrementAndGet)
                    .chain(this::lane);
        });
    }

    private Uni<Void> deliver(Delivery delivery) {
        Instant now = Instant.now();
        var settings = config.settings().delivery();
        long windowMillis = Math.max(1, settings.rateWindow().toMillis());
        long window = now.toEpochMilli() / windowMillis;
        // A mail counts against its recipient's limit once, on its first try; retries are the same mail.
        Uni<Boolean> allowed = delivery.rateLimited() && delivery.attempts() == 0
                ? rateLimits.tryAcquire(delivery.recipient(), window, settings.perRecipientLimit())
                : Uni.createFrom().item(true);
        return allowed.flatMap(ok -> {
            if (!ok) {
                deferred.increment();
                return deliveries.defer(delivery.id(), Instant.ofEpochMilli((window + 1) * windowMillis));
            }
            return send(delivery);
        });
    }

    private Uni<Void> send(Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        Mail mail = Mail.withText(delivery.recipient(), delivery.subject(), delivery.text()).setHtml(delivery.html());
        if (delivery.unsubscribeUrl() != null) {
            mail.addHeader("List-Unsubscribe", "<" + delivery.unsubscribeUrl() + ">");
        }
        return mailer.send(mail)
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    Instant now = Instant.now();
                    if (failure == null) {
                        sent.increment();
                        return deliveries.markSent(delivery.id(), attempt, now)
                                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5);
                    }
                    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
                        // SMTP may still have taken it: never risk a second copy.
                        dead.increment();
                        LOG.warnf("Mail of event %s (%s) timed out; dead letter (delivery unknown)", delivery.eventId(),
                                delivery.kind());
                        return deliveries.deadLetter(delivery.id(), attempt, "timed out; delivery unknown", now);
                    }
                    String reason = redact(failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    if (attempt >= config.settings().delivery().maxAttempts()) {
                        dead.increment();
                        LOG.warnf("Mail of event %s (%s) failed %d times; dead letter: %s", delivery.eventId(),
                                delivery.kind(), attempt, reason);
                        return deliveries.deadLetter(delivery.id(), attempt, reason, now);
                    }
                    retried.increment();
                    Instant due = now.plus(backoff(attempt));
                    LOG.debugf("Mail of event %s (%s) failed (try %d), retry at %s: %s", delivery.eventId(),
                            delivery.kind(), attempt, due, reason);
                    return deliveries.retryLater(delivery.id(), attempt, due, reason);
                });
    }

    /** SMTP errors often quote the recipient; logs and the log record must not. */
    static String redact(String message) {
        return message.replaceAll("[^\\s<>\"',;:]+@[^\\s<>\"',;]+", "<address>");
    }

    /** initial × 2^(attempt−1), at most the configured maximum. */
    Duration backoff(int attempt) {
        var settings = config.settings().delivery();
        Duration delay = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
    }
}
