package dev.tenfold.model;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a test's WireMock saw, counted rather than timed: a model that overlaps its requests shows
 * as several held by the server at once, however slow the machine running the test is.
 */
final class ServerJournal {
    private ServerJournal() {
    }

    /**
     * The most requests the server held at once since its journal was last reset: each counted
     * from its arrival (ms) for the stub's delay, {@code latencyMs}, the least it was held. A lower
     * bound of the true peak: a serial client never reaches 2, a window of C reaches up to C.
     */
    static int peakInFlight(WireMockServer server, int latencyMs) {
        List<long[]> edges = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            long arrived = event.getRequest().getLoggedDate().getTime();
            edges.add(new long[] {arrived, 1});
            edges.add(new long[] {arrived + latencyMs, -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(edge -> edge[0]).thenComparingLong(edge -> edge[1])); // ends first
        int held = 0;
        int peak = 0;
        for (long[] edge : edges) {
            held += (int) edge[1];
            peak = Math.max(peak, held);
        }
        return peak;
    }
}
