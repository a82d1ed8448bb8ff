package io.parley.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Outbox rows are written here with the change they describe; the relay reads them with plain SQL. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntity, UUID> {
}
