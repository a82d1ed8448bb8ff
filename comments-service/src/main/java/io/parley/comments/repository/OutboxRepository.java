package io.parley.comments.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Writes outbox rows inside the caller's transaction; the relay reads them with plain SQL. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntity, UUID> {
}
