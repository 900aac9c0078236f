package dev.tenfold.backend;

import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.util.List;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.ServerConnector;

/**
 * WireMock's own Jetty 11 server, with our Jetty listeners ({@link ServedLatency},
 * {@link InFlightLimit}) on its HTTP connector: they see when a response's last byte is written.
 */
final class TimedJettyServerFactory implements HttpServerFactory {
    private final List<HttpChannel.Listener> listeners;

    TimedJettyServerFactory(HttpChannel.Listener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        return new Jetty11HttpServer(options, admin, stubs) {
            @Override
            protected ServerConnector createHttpConnector(String bindAddress, int port, JettySettings jettySettings,
                                                          NetworkTrafficListener listener) {
                ServerConnector connector = super.createHttpConnector(bindAddress, port, jettySettings, listener);
                listeners.forEach(connector::addBean);
                return connector;
            }
        };
    }
}
