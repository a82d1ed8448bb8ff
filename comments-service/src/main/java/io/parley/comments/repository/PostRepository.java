package io.parley.comments.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PostRepository implements PanacheRepository<PostEntity> {

    public Uni<PostEntity> findBySiteAndUri(String site, String uri) {
        return find("site = ?1 and uri = ?2", site, uri).firstResult();
    }

    /**
     * The post of {@code site}/{@code uri}, created with {@code title} if it does not exist yet. Safe when two
     * transactions create the same post at once: the loser's insert does nothing and it reads the winner's row.
     */
    public Uni<PostEntity> findOrCreate(String site, String uri, String title) {
        return findBySiteAndUri(site, uri).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : Panache.getSession().flatMap(session -> session
                        .createNativeQuery("insert into posts (site, uri, title) values (:site, :uri, :title) "
                                + "on conflict (site, uri) do nothing")
                        .setParameter("site", site)
                        .setParameter("uri", uri)
                        .setParameter("title", title)
                        .executeUpdate())
                .flatMap(inserted -> findBySiteAndUri(site, uri)));
    }
}
