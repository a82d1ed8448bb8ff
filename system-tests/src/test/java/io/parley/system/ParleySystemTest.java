package io.parley.system;

import io.parley.stack.testing.WithLocalStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One stack for every system test class of this module (the first class to run starts it), with the optional
 * features of the dialects switched on so that each can be tested through the gateway. The gateway trusts loopback
 * as a proxy, as it would trust a load balancer, so each test client can come from its own network through
 * {@code X-Forwarded-For} and the per-network guards of the dialects apply as to real visitors. feed-service runs
 * two replicas, so every test also reads through a balanced pair and FeedStreamIT can take one away.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@WithLocalStack(replicas = "feed-service=2", environment = {
        "gateway:PARLEY_GATEWAY_TRUSTED_PROXIES=127.0.0.1/32",
        "feed-service:PARLEY_ISSO_LATEST_ENABLED=true",
        "feed-service:PARLEY_ISSO_RSS_BASE=https://blog.example.com",
        "comments-service:PARLEY_ISSO_RSS_BASE=https://blog.example.com",
})
@interface ParleySystemTest {
}
