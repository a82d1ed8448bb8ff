package io.parley.votes.support;

import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka and the Mongo wire server for every @QuarkusTest of this module, started once per test JVM. */
@QuarkusTestResource(value = LocalInfrastructure.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "components", value = "kafka,mongo"))
public final class InfrastructureResource {

    private InfrastructureResource() {
    }
}
