package io.parley.stack.testing;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import io.parley.stack.LocalStack;
import io.parley.stack.LocalStack.Part;

/**
 * JUnit 5 extension for whole-system tests: starts the full local stack (infrastructure, then every service from
 * {@code <module>/target/quarkus-app/quarkus-run.jar}, the gateway last) on free ports, once per JVM, and stops it
 * at JVM exit. Keycloak only when a class asks ({@link WithLocalStack#keycloak()}) or
 * {@code -Dparley-stack.keycloak=true}. Test methods and constructors may take a {@link LocalStack} parameter;
 * {@link #stack()} gives it too.
 *
 * <pre>{@code
 * @WithLocalStack
 * class CommentFlowIT {
 *     @Test void counts(LocalStack stack) { given().baseUri(stack.gatewayUrl()) ... }
 * }
 * }</pre>
 *
 * Data and logs go to {@code target/parley-stack-*} of the test module; the logs are kept after the run.
 */
public class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static LocalStack stack;

    /** The running stack; fails when no test class has started it yet. */
    public static synchronized LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("The local stack has not been started; annotate the test class with "
                    + "@WithLocalStack or @ExtendWith(LocalStackExtension.class)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<WithLocalStack> config = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, WithLocalStack.class));
        boolean keycloak = Boolean.getBoolean("parley-stack.keycloak")
                || config.map(WithLocalStack::keycloak).orElse(false);
        start(keycloak, config.map(WithLocalStack::replicas).orElse(new String[0]),
                config.map(WithLocalStack::environment).orElse(new String[0]));
    }

    /** Starts the stack once per JVM (adding Keycloak later if a class needs it). */
    public static synchronized LocalStack start(boolean keycloak, String... replicas) {
        return start(keycloak, replicas, new String[0]);
    }

    /** As {@link #start(boolean, String...)}, with service environment entries {@code service:NAME=value}. */
    public static synchronized LocalStack start(boolean keycloak, String[] replicas, String[] environment) {
        if (stack == null) {
            Path dataDir = TestDirectories.create("parley-stack-");
            LocalStack.Builder builder = LocalStack.builder()
                    .dataDir(dataDir)
                    .everything(keycloak)
                    .freePorts()
                    .progress(line -> System.out.println("[parley-stack]" + line));
            for (String replica : replicas) {
                String[] nameAndCount = replica.split("=", 2);
                if (nameAndCount.length != 2) {
                    throw new IllegalArgumentException("replicas take the form service=count, not " + replica);
                }
                builder.replicas(nameAndCount[0].trim(), Integer.parseInt(nameAndCount[1].trim()));
            }
            for (String entry : environment) {
                int colon = entry.indexOf(':');
                int equals = entry.indexOf('=', colon + 1);
                if (colon < 1 || equals < colon + 2) {
                    throw new IllegalArgumentException("environment entries take the form service:NAME=value, not "
                            + entry);
                }
                builder.serviceEnvironment(entry.substring(0, colon).trim(),
                        Map.of(entry.substring(colon + 1, equals).trim(), entry.substring(equals + 1)));
            }
            LocalStack created = builder.build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.stop();
                TestDirectories.deleteAllButLogs(dataDir);
            }, "parley-test-stack-shutdown"));
            System.out.println("[parley-stack] starting; data and logs in " + dataDir);
            created.start();
            stack = created;
        } else if (keycloak && !stack.hasKeycloak()) {
            Set<Part> more = EnumSet.of(Part.KEYCLOAK);
            stack.startMore(more);
        }
        return stack;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack();
    }
}
