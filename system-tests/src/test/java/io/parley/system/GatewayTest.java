package io.parley.system;

import io.parley.stack.LocalStack;
import org.junit.jupiter.api.BeforeEach;

/** A system test that talks to the shared stack through its gateway, as a browser would. */
@ParleySystemTest
abstract class GatewayTest {

    protected String gatewayUrl;
    protected Isso isso;

    @BeforeEach
    void connectToGateway(LocalStack stack) {
        gatewayUrl = stack.gatewayUrl();
        isso = new Isso(gatewayUrl);
    }
}
