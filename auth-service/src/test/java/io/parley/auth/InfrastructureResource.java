package io.parley.auth;

import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database {@code auth}), Kafka and the SMTP catcher for every @QuarkusTest of this module. */
@QuarkusTestResource(value = LocalInfrastructure.class, restrictToAnnotatedClass = false,
        initArgs = {@ResourceArg(name = "components", value = "postgres,kafka,smtp"),
                    @ResourceArg(name = "database", value = "auth")})
public class InfrastructureResource {
}
