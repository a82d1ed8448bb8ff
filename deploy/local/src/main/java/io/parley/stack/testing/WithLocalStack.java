package io.parley.stack.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the whole local stack (services from their packaged jars) on free ports; see
 * {@link LocalStackExtension}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface WithLocalStack {

    /** Also start Keycloak (slow the first time; {@code -Dparley-stack.keycloak=true} turns it on for all). */
    boolean keycloak() default false;

    /** Service replicas, e.g. {@code "feed-service=2"}; only honoured by the first class that starts the stack. */
    String[] replicas() default {};

    /**
     * Extra environment for services, e.g. {@code "feed-service:PARLEY_ISSO_LATEST_ENABLED=true"}; only honoured by
     * the first class that starts the stack, so a module's system tests share one composed annotation.
     */
    String[] environment() default {};
}
