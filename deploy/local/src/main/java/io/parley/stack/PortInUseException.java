package io.parley.stack;

/** A port the stack needs is taken; the message is meant for the user as it is. */
public class PortInUseException extends StackException {

    private final int port;

    public PortInUseException(int port, String part, String envVariable) {
        super("Port " + port + " for " + part + " is already in use (another Parley stack?). Set " + envVariable
                + " to use another.");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
