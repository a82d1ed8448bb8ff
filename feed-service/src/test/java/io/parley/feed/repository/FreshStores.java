package io.parley.feed.repository;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.parley.feed.config.FeedConfig;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;

/** The read model repositories on another database of the same server: a fresh store to rebuild into. */
public record FreshStores(PostInfoRepository posts, CommentRepository comments, VoteRepository votes,
                          FeedConfig config) {

    public static FreshStores on(ReactiveMongoClient client, FeedConfig base, String database) {
        FeedConfig config = withDatabase(base, database);
        PostInfoRepository posts = new PostInfoRepository();
        posts.client = client;
        posts.config = config;
        posts.init();
        CommentRepository comments = new CommentRepository();
        comments.client = client;
        comments.config = config;
        comments.init();
        VoteRepository votes = new VoteRepository();
        votes.client = client;
        votes.config = config;
        votes.init();
        return new FreshStores(posts, comments, votes, config);
    }

    private static FeedConfig withDatabase(FeedConfig base, String database) {
        FeedConfig.Store store = proxy(FeedConfig.Store.class, base.store(), "database", database);
        return proxy(FeedConfig.class, base, "store", store);
    }

    private static <T> T proxy(Class<T> type, T target, String overridden, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> method.getName().equals(overridden) ? value : invoke(method, target, args)));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
