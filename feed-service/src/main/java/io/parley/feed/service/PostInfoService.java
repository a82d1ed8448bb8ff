package io.parley.feed.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.feed.repository.PostInfoRepository;
import io.smallrye.mutiny.Uni;

/** Read side of post info: counts and times of posts, answered from the derived fields only. */
@ApplicationScoped
public class PostInfoService {

    @Inject
    PostInfoRepository repository;

    /** One summary per requested URL, in the requested order; unknown posts have count 0. */
    public Uni<List<PostSummary>> summaries(String site, List<String> urls) {
        return repository.summaries(site, urls).map(found -> {
            Map<String, PostSummary> byUrl = new HashMap<>();
            found.forEach(summary -> byUrl.put(summary.url(), summary));
            return urls.stream().map(url -> byUrl.getOrDefault(url, PostSummary.unknown(site, url))).toList();
        });
    }

    public Uni<PostSummary> summary(String site, String url) {
        return summaries(site, List.of(url)).map(list -> list.get(0));
    }

    /** The post if it has ever had a comment (in any state). */
    public Uni<Optional<PostSummary>> find(String site, String url) {
        return repository.summaries(site, List.of(url))
                .map(found -> found.stream().filter(summary -> summary.url().equals(url)).findFirst());
    }

    /** Remark42 {@code /list}: posts with published comments, {@code skip} and {@code limit} (0 = all) applied. */
    public Uni<List<PostSummary>> commentedPosts(String site, int skip, int limit) {
        return repository.commentedPosts(site, Math.max(skip, 0), Math.max(limit, 0));
    }

    /**
     * Totals of a whole site (Remark42 {@code /info} without url): sum of counts, earliest first and latest
     * last comment. Reads the summary fields of every post of the site, never the comments.
     */
    public Uni<PostSummary> siteTotals(String site) {
        return repository.siteSummaries(site).collect()
                .with(Collectors.reducing(PostSummary.unknown(site, null), PostSummary::plus));
    }
}
