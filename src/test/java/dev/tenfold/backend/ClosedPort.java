package dev.tenfold.backend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** For tests of an unreachable backend: a loopback URL where nothing listens. */
public final class ClosedPort {
    private ClosedPort() {
    }

    /** A port the OS just handed out and that was closed again, not a fixed one (port 9 may be open somewhere). */
    public static String url() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
