package io.parley.comments;

import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL (database {@code comments}) and Kafka for every @QuarkusTest of this module. */
@QuarkusTestResource(value = LocalInfrastructure.class, restrictToAnnotatedClass = false,
        initArgs = {@ResourceArg(name = "components", value = "postgres,kafka"),
                    @ResourceArg(name = "database", value = "comments")})
public class InfrastructureResource {
}
