package dev.tenfold.backend;

import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.ServerConnector;

/** WireMock's own Jetty 11 server, with {@link ServedLatency} listening on its HTTP connector. */
final class TimedJettyServerFactory implements HttpServerFactory {
    private final ServedLatency latency;

    TimedJettyServerFactory(ServedLatency latency) {
        this.latency = latency;
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        return new Jetty11HttpServer(options, admin, stubs) {
            @Override
            protected ServerConnector createHttpConnector(String bindAddress, int port, JettySettings jettySettings,
                                                          NetworkTrafficListener listener) {
                ServerConnector connector = super.createHttpConnector(bindAddress, port, jettySettings, listener);
                connector.addBean(latency);
                return connector;
            }
        };
    }
}
