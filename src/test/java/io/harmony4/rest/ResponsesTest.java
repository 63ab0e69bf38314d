package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.service.Spool;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spooled result is deleted however the exchange ends. When the client is gone before the answer is ready, no end
 * handler will ever run, so the spool must go at once: the case the HTTP load run found with a file left behind.
 */
class ResponsesTest {
    @TempDir
    Path dir;

    @Test
    void resultForAClientThatIsGoneIsDeletedAtOnce() throws Exception {
        Spool spool = spoolFile();
        Path file = spool.fileOrNull();
        assertTrue(Files.exists(file));
        Exchange exchange = new Exchange(true);

        var response = Responses.body(spool, "application/octet-stream", exchange.context()).build();

        assertFalse(Files.exists(file), "spool file left behind for a closed connection");
        assertEquals(204, response.getStatus());
    }

    @Test
    void resultForAConnectedClientIsSentAndDeletedWhenTheExchangeEnds() throws Exception {
        Spool spool = spoolFile();
        Path file = spool.fileOrNull();
        Exchange exchange = new Exchange(false);

        var response = Responses.body(spool, "application/octet-stream", exchange.context()).build();

        assertEquals(200, response.getStatus());
        assertEquals(file, response.getEntity());
        assertTrue(Files.exists(file), "deleted before it was sent");
        assertEquals(1, exchange.endHandlers.size());
        exchange.endHandlers.get(0).handle(io.vertx.core.Future.succeededFuture());
        assertFalse(Files.exists(file), "spool file left behind after the exchange ended");
    }

    private Spool spoolFile() {
        Spool spool = new Spool(new io.harmony4.service.MemoryBudget(16), dir);
        spool.write(new byte[100], 0, 100); // past the 16-byte budget: a file
        return spool;
    }

    /** Just enough of a RoutingContext: its end handlers, and whether its connection is closed. */
    private static final class Exchange {
        final List<io.vertx.core.Handler<io.vertx.core.AsyncResult<Void>>> endHandlers = new ArrayList<>();
        private final boolean closed;

        Exchange(boolean closed) {
            this.closed = closed;
        }

        @SuppressWarnings("unchecked")
        RoutingContext context() {
            HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "closed" -> closed;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (RoutingContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "response" -> response;
                        case "addEndHandler" -> {
                            endHandlers.add((io.vertx.core.Handler<io.vertx.core.AsyncResult<Void>>) args[0]);
                            yield endHandlers.size();
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
