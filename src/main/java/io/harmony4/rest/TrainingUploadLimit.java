package io.harmony4.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harmony4.service.DictionaryService;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.BadRequestException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Bounds a training upload ({@code POST /v1/dictionaries}) by {@code harmony4.dictionaries.max-training-size} before
 * its multipart body is spooled, which Quarkus REST bounds only by the service-wide body limit (set high for
 * streamed containers). A declared {@code Content-Length} is checked by a request filter, which runs after
 * authentication and before the form is read; so is a read-only store. A chunked upload declares no length: a
 * Vert.x body handler with that limit reads it first, counting as it streams, and answers 413 the moment it passes
 * the limit; Quarkus REST then takes the form it parsed.
 */
@ApplicationScoped
public class TrainingUploadLimit {
    private final DictionaryService service;
    private final ObjectMapper json;
    private final String uploads;

    TrainingUploadLimit(DictionaryService service, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploads) {
        this.service = service;
        this.json = json;
        this.uploads = uploads;
    }

    /** Runs before the Quarkus REST route (order {@value RouteConstants#ROUTE_ORDER_DEFAULT}). */
    void install(@Observes Router router) {
        BodyHandler bounded = BodyHandler.create(uploads).setBodyLimit(service.maxTrainingSize())
                .setDeleteUploadedFilesOnEnd(true);
        router.post(DictionaryResource.PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(context -> {
                    if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) != null) {
                        context.next(); // bounded by the filter below, before Quarkus REST reads it
                    } else {
                        bounded.handle(context);
                    }
                })
                .failureHandler(this::answerTooLarge);
    }

    /**
     * The body handler fails the request with 413 past the limit; when cancelling the samples already spooled trips
     * Vert.x (an upload whose file is closed), it fails with that error instead. Either way, a request that has sent
     * more than the limit is answered as too large.
     */
    private void answerTooLarge(RoutingContext context) {
        boolean tooLarge = context.statusCode() == 413 || context.request().bytesRead() > service.maxTrainingSize();
        if (!tooLarge) {
            context.next();
            return;
        }
        if (context.response().headWritten()) {
            return; // answered already: the samples spooled before it fail as they are cancelled
        }
        Problem problem = ProblemMapper.sizeLimitProblem(service.trainingTooLarge("went past the limit as it was "
                + "streamed (chunked)"), context.request().path());
        try {
            // the body handler drops the rest of the upload as it arrives, so the client can finish and read this
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.next();
        }
    }

    @ServerRequestFilter
    public void refuseBeforeReading(HttpServerRequest request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() != DictionaryResource.class
                || !DictionaryResource.TRAIN_METHOD.equals(resource.getMethodName())) {
            return;
        }
        service.checkWritable();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                service.checkTrainingRequest(Long.parseLong(declared.trim()));
            } catch (NumberFormatException e) {
                throw new BadRequestException("Content-Length is not a number: '" + declared + "'");
            }
        }
    }
}
