package io.parley.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.stack.LocalStack.Part;

class PortInUseTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenPortIsReportedInOneClearLineBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            LocalStack stack = LocalStack.builder()
                    .dataDir(dataDir)
                    .parts(Part.MONGO, Part.SMTP, Part.SERVICES)
                    .freePorts()
                    .port("gateway.port", port)
                    .build();
            PortInUseException e = assertThrows(PortInUseException.class, stack::start);
            assertEquals("Port " + port + " for the gateway is already in use (another Parley stack?). "
                    + "Set PARLEY_GATEWAY_PORT to use another.", e.getMessage());
            assertEquals(port, e.port());
            // Nothing was started: the Mongo port is still free.
            assertEquals(true, Ports.isFree(stack.port(LocalStack.MONGO_PORT).orElseThrow()));
        }
    }

    @Test
    void aTakenInfrastructurePortNamesItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            LocalStack stack = LocalStack.builder().dataDir(dataDir).parts(Part.KAFKA).freePorts()
                    .port(LocalStack.KAFKA_PORT, port).build();
            PortInUseException e = assertThrows(PortInUseException.class, stack::start);
            assertEquals("Port " + port + " for Kafka is already in use (another Parley stack?). "
                    + "Set PARLEY_KAFKA_PORT to use another.", e.getMessage());
        }
    }
}
