package io.parley.notify.support;

import io.parley.stack.testing.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka, the Mongo wire server and the SMTP catcher for every @QuarkusTest here, once per test JVM. */
@QuarkusTestResource(value = LocalInfrastructure.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "components", value = "kafka,mongo,smtp"))
public final class Infrastructure {

    private Infrastructure() {
    }
}
