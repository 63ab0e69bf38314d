package io.harmony4.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harmony4.dictionary.ReadOnlyDictionaryStoreException;
import io.harmony4.service.DictionariesNotConfiguredException;
import io.harmony4.service.DictionaryService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.MethodDescription;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.JaxRsPathMatchingHttpSecurityPolicy;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Bounds a training upload ({@code POST /v1/dictionaries}) by {@code harmony4.dictionaries.max-training-size} before
 * its multipart body is spooled, which Quarkus REST bounds only by the service-wide body limit (set high for
 * streamed containers). A declared {@code Content-Length} is checked by a request filter, which runs after
 * authentication and before the form is read; so is a read-only store. A chunked upload declares no length: a
 * Vert.x body handler with that limit reads it first, counting as it streams, and answers 413 the moment it passes
 * the limit; Quarkus REST then takes the form it parsed.
 *
 * <p>That handler holds a body that is not a multipart form whole in memory, up to the limit, and it runs before
 * Quarkus REST: so a chunked upload is first refused from its headers alone by what would refuse a declared length
 * before its body is read, in the same order and with the same problems: a Content-Type that is no form (415),
 * the API's permission (401, 403: checked here with the policy Quarkus REST applies), then the filter's checks.
 */
@ApplicationScoped
public class TrainingUploadLimit {
    private static final Logger LOG = Logger.getLogger(TrainingUploadLimit.class);
    /** The training method, as the API's permission check names it. */
    private static final MethodDescription TRAIN = new MethodDescription(DictionaryResource.class.getName(),
            DictionaryResource.TRAIN_METHOD, MethodDescription.typesAsStrings(
                    new Class<?>[] {List.class, Integer.class, String.class}));

    private final DictionaryService service;
    private final ObjectMapper json;
    private final String uploads;
    private final JaxRsPathMatchingHttpSecurityPolicy permissions;
    private final IdentityProviderManager identities;
    /** Counts the problems answered here, outside the REST layer's response filters, as those count theirs. */
    private final ServiceMetrics metrics;
    /** The REST layer's answers, so that a refusal here is the one Quarkus REST would give. */
    private final ProblemMapper problems = new ProblemMapper();

    TrainingUploadLimit(DictionaryService service, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploads,
            JaxRsPathMatchingHttpSecurityPolicy permissions, IdentityProviderManager identities,
            ServiceMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
        this.json = json;
        this.uploads = uploads;
        this.permissions = permissions;
        this.identities = identities;
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
                        readChunked(context, bounded);
                    }
                })
                .failureHandler(this::answerTooLarge);
    }

    /**
     * Hands a chunked upload to {@code bounded} once its headers pass what Quarkus REST checks before reading a body:
     * its Content-Type, then the API's permission (the request paused meanwhile, so nothing of the body is read),
     * then {@link #refuseBeforeReading(String)}.
     */
    private void readChunked(RoutingContext context, BodyHandler bounded) {
        HttpServerRequest request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !isForm(type)) {
            refuse(context, new NotSupportedException());
            return;
        }
        if (permissions.hasNoPermissions()) {
            readIfAllowed(context, bounded);
            return;
        }
        request.pause();
        Context eventLoop = context.vertx().getOrCreateContext();
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(context, identities);
        permissions.checkPermission(context, identity, TRAIN)
                .onItem().transformToUni(check -> check.isPermitted() ? Uni.createFrom().<RuntimeException>nullItem()
                        : identity.map(TrainingUploadLimit::denial))
                .subscribe().with(
                        denied -> eventLoop.runOnContext(ignored -> {
                            if (denied == null) {
                                readIfAllowed(context, bounded);
                            } else {
                                refuse(context, denied);
                            }
                        }),
                        failure -> eventLoop.runOnContext(ignored -> refuse(context,
                                failure instanceof RuntimeException e ? e : new IllegalStateException(failure))));
    }

    /** As Quarkus REST answers a denied permission: 401 to a request without an identity, 403 to one with. */
    private static RuntimeException denial(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? new UnauthorizedException() : new ForbiddenException();
    }

    private void readIfAllowed(RoutingContext context, BodyHandler bounded) {
        try {
            refuseBeforeReading(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        } catch (RuntimeException refused) {
            refuse(context, refused);
            return;
        }
        bounded.handle(context);
    }

    /** Whether {@code contentType} is what Vert.x's body handler decodes as a multipart form, and the method takes. */
    private static boolean isForm(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "multipart".equalsIgnoreCase(type.getType()) && "form-data".equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    /**
     * Answers {@code refused} as the REST layer would, and drops what comes of the body, so that the client can
     * finish sending and the connection can serve its next request.
     */
    private void refuse(RoutingContext context, RuntimeException refused) {
        HttpServerRequest request = context.request();
        Response answer = switch (refused) {
            case NotSupportedException e -> problems.web(e, request);
            case UnauthorizedException e -> problems.unauthorized(e, request);
            case AuthenticationFailedException e -> problems.unauthorized(e, request);
            case ForbiddenException e -> problems.forbidden(e, request);
            case ReadOnlyDictionaryStoreException e -> problems.readOnly(e, request);
            case DictionariesNotConfiguredException e -> problems.notConfigured(e, request);
            default -> problems.unexpected(refused, request);
        };
        if (!request.isEnded()) {
            request.handler(dropped -> { }).resume();
        }
        send(context, answer);
    }

    /** Writes a problem answered here, outside the REST layer, and counts it as the REST layer counts its own. */
    private void send(RoutingContext context, Response answer) {
        if (answer.getEntity() instanceof Problem problem) {
            metrics.problem(problem.type());
        }
        HttpServerResponse response = context.response().setStatusCode(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> response.putHeader(name, values));
        try {
            response.end(json.writeValueAsString(answer.getEntity()));
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "could not write the problem answering %s", context.request().path());
            response.setStatusCode(500).end();
        }
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
        // the body handler drops the rest of the upload as it arrives, so the client can finish and read this
        send(context, ProblemMapper.sizeLimitProblem(service.trainingTooLarge("went past the limit as it was "
                + "streamed (chunked)"), context.request().path()).toResponse());
    }

    @ServerRequestFilter
    public void refuseBeforeReading(HttpServerRequest request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() != DictionaryResource.class
                || !DictionaryResource.TRAIN_METHOD.equals(resource.getMethodName())) {
            return;
        }
        refuseBeforeReading(request.getHeader(HttpHeaders.CONTENT_TYPE));
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                service.checkTrainingRequest(Long.parseLong(declared.trim()));
            } catch (NumberFormatException e) {
                throw new BadRequestException("Content-Length is not a number: '" + declared + "'");
            }
        }
    }

    /**
     * What refuses a training request, once authenticated, from its headers: a read-only store, and a body without a
     * Content-Type (Quarkus REST matched it, as it matches one of any type; it is no form).
     */
    private void refuseBeforeReading(String contentType) {
        service.checkWritable();
        if (contentType == null) {
            throw new NotSupportedException();
        }
    }
}
