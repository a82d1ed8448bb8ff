package io.parley.stack;

import java.util.List;
import java.util.Locale;

/**
 * A service module the stack runs from its packaged fast-jar ({@code <module>/target/quarkus-app/quarkus-run.jar}).
 *
 * @param name             module directory and service name, e.g. {@code comments-service}
 * @param defaultPort      HTTP port of the first replica; replica i listens on {@code port + i}
 * @param replicas         how many instances to run
 * @param postgresDatabase database for {@code DB_*} variables, or null when the service has none
 * @param mongoDatabase    database for {@code MONGODB_*} variables, or null
 * @param mail             whether the service gets the SMTP catcher ({@code QUARKUS_MAILER_*})
 * @param oidc             whether the service gets Keycloak's realm ({@code PARLEY_OIDC_URL} etc.)
 * @param gateway          whether this is the gateway (started last, given the other services' URLs)
 * @param heap             maximum heap, e.g. {@code 128m}
 */
public record ServiceSpec(String name, int defaultPort, int replicas, String postgresDatabase, String mongoDatabase,
        boolean mail, boolean oidc, boolean gateway, String heap) {

    /** The service that signs sessions; every service gets its JWKS URL ({@code PARLEY_SESSION_JWKS_URL}). */
    public static final String AUTH_SERVICE = "auth-service";

    public ServiceSpec {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1");
        }
    }

    /** The services of the platform, in start order (the gateway last). Add new service modules here. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                of("comments-service", 8081).withPostgres("comments"),
                of("feed-service", 8082).withMongo("feed"),
                of(AUTH_SERVICE, 8084).withPostgres("auth").withMail().withOidc(),
                of("notify-service", 8085).withMongo("notify").withMail(),
                of("votes-service", 8083).withMongo("votes"),
                of("gateway", 8080).asGateway());
    }

    public static ServiceSpec of(String name, int defaultPort) {
        return new ServiceSpec(name, defaultPort, 1, null, null, false, false, false, "160m");
    }

    public ServiceSpec withPostgres(String database) {
        return new ServiceSpec(name, defaultPort, replicas, database, mongoDatabase, mail, oidc, gateway, heap);
    }

    public ServiceSpec withMongo(String database) {
        return new ServiceSpec(name, defaultPort, replicas, postgresDatabase, database, mail, oidc, gateway, heap);
    }

    public ServiceSpec withMail() {
        return new ServiceSpec(name, defaultPort, replicas, postgresDatabase, mongoDatabase, true, oidc, gateway, heap);
    }

    public ServiceSpec withOidc() {
        return new ServiceSpec(name, defaultPort, replicas, postgresDatabase, mongoDatabase, mail, true, gateway, heap);
    }

    public ServiceSpec asGateway() {
        return new ServiceSpec(name, defaultPort, replicas, postgresDatabase, mongoDatabase, mail, oidc, true, heap);
    }

    public ServiceSpec withReplicas(int count) {
        return new ServiceSpec(name, defaultPort, count, postgresDatabase, mongoDatabase, mail, oidc, gateway, heap);
    }

    public ServiceSpec withHeap(String maxHeap) {
        return new ServiceSpec(name, defaultPort, replicas, postgresDatabase, mongoDatabase, mail, oidc, gateway,
                maxHeap);
    }

    /** Port key of the settings: {@code <name>.port}, i.e. {@code PARLEY_COMMENTS_SERVICE_PORT}. */
    public String portKey() {
        return name + ".port";
    }

    /** The gateway's variable with this service's base URLs: {@code PARLEY_GATEWAY_<NAME minus -service>_URLS}. */
    public String gatewayUrlsVariable() {
        String base = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        return "PARLEY_GATEWAY_" + base.toUpperCase(Locale.ROOT).replace('-', '_') + "_URLS";
    }
}
