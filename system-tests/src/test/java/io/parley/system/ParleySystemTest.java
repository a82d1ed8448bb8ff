package io.parley.system;

import io.parley.stack.testing.WithLocalStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One stack for every system test class of this module (the first class to run starts it), with the optional
 * features of the dialects switched on so that each can be tested through the gateway.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@WithLocalStack(environment = {
        "feed-service:PARLEY_ISSO_LATEST_ENABLED=true",
        "feed-service:PARLEY_ISSO_RSS_BASE=https://blog.example.com",
        "comments-service:PARLEY_ISSO_RSS_BASE=https://blog.example.com",
})
@interface ParleySystemTest {
}
