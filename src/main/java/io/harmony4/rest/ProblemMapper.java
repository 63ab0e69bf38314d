package io.harmony4.rest;

import io.harmony4.container.CorruptContainerException;
import io.harmony4.container.InvalidRangeException;
import io.harmony4.container.LimitExceededException;
import io.harmony4.container.UnsupportedCodecException;
import io.harmony4.dictionary.DictionaryIdConflictException;
import io.harmony4.dictionary.DictionaryIdMismatchException;
import io.harmony4.dictionary.DictionaryStoreFailureException;
import io.harmony4.dictionary.ReadOnlyDictionaryStoreException;
import io.harmony4.dictionary.TamperedDictionaryException;
import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.DictionariesUnsupportedException;
import io.harmony4.engine.DictionaryMismatchException;
import io.harmony4.engine.DictionaryTrainingException;
import io.harmony4.engine.InvalidDictionaryException;
import io.harmony4.engine.EngineFailureException;
import io.harmony4.service.DictionariesNotConfiguredException;
import io.harmony4.service.DigestMismatchException;
import io.harmony4.service.InvalidParameterException;
import io.harmony4.service.RequestTooLargeException;
import io.harmony4.service.SizeLimitException;
import io.harmony4.service.UnknownDictionaryException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@code application/problem+json} response. Client mistakes are 4xx with a message
 * that says what to fix; the rare server-side failure is a 5xx whose detail reveals no internals (the log has them).
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Where a damaged frame is a damaged message, not a damaged container. */
    private static final String MESSAGES = "/v1/messages/";

    @ServerExceptionMapper
    public Response corrupt(CorruptInputException e, HttpServerRequest request) {
        ProblemType type = request.path().startsWith(MESSAGES) ? ProblemType.CORRUPT_MESSAGE
                : ProblemType.CORRUPT_CONTAINER;
        Problem p = Problem.of(type, e.getMessage(), request.path()).with("offset", e.offset());
        if (e instanceof CorruptContainerException c) {
            p.with("chunk", c.chunk());
        }
        return p.toResponse();
    }

    @ServerExceptionMapper
    public Response unsupportedCodec(UnsupportedCodecException e, HttpServerRequest request) {
        return Problem.of(ProblemType.UNSUPPORTED_CODEC, e.getMessage(), request.path())
                .with("engine", e.engineId()).toResponse();
    }

    @ServerExceptionMapper
    public Response limit(LimitExceededException e, HttpServerRequest request) {
        return Problem.of(ProblemType.LIMIT_EXCEEDED, e.getMessage(), request.path())
                .with("limit", e.limit()).with("declared", e.declared()).with("allowed", e.allowed()).toResponse();
    }

    @ServerExceptionMapper
    public Response tooLarge(RequestTooLargeException e, HttpServerRequest request) {
        return Problem.of(ProblemType.BODY_TOO_LARGE, e.getMessage(), request.path())
                .with("allowed", e.limit()).toResponse();
    }

    /** A parameter the service's rules refuse. */
    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, HttpServerRequest request) {
        return badParameter(e.parameter(), e.getMessage(), request);
    }

    /** A parameter that is not of its declared type (QueryParameterConverters): the same problem. */
    @ServerExceptionMapper
    public Response badParameter(BadParameterException e, HttpServerRequest request) {
        return badParameter(e.parameter, e.getMessage(), request);
    }

    private static Response badParameter(String parameter, String detail, HttpServerRequest request) {
        return Problem.of(ProblemType.BAD_PARAMETER, detail, request.path()).with("parameter", parameter).toResponse();
    }

    @ServerExceptionMapper
    public Response range(InvalidRangeException e, HttpServerRequest request) {
        return Problem.of(ProblemType.INVALID_RANGE, e.getMessage(), request.path()).toResponse();
    }

    /** A frame of another dictionary than the one given, or of one where none was given. */
    @ServerExceptionMapper
    public Response dictionaryMismatch(DictionaryMismatchException e, HttpServerRequest request) {
        Problem p = Problem.of(e.needsADictionary() ? ProblemType.DICTIONARY_NEEDED : ProblemType.DICTIONARY_MISMATCH,
                e.getMessage(), request.path()).with("dictId", e.frameDictId());
        e.givenDictId().ifPresent(given -> p.with("givenDictId", given));
        return p.toResponse();
    }

    @ServerExceptionMapper
    public Response unknownDictionary(UnknownDictionaryException e, HttpServerRequest request) {
        Problem p = Problem.of(ProblemType.UNKNOWN_DICTIONARY, e.getMessage(), request.path());
        return (e.id() != null ? p.with("dictionary", e.id()) : p.with("dictId", e.dictId())).toResponse();
    }

    @ServerExceptionMapper
    public Response sizeLimit(SizeLimitException e, HttpServerRequest request) {
        return sizeLimitProblem(e, request.path()).toResponse();
    }

    /** Also answered outside JAX-RS, where a chunked training upload reaches its limit ({@link TrainingUploadLimit}). */
    static Problem sizeLimitProblem(SizeLimitException e, String path) {
        ProblemType type = switch (e.subject()) {
            case MESSAGE -> ProblemType.MESSAGE_TOO_LARGE;
            case DICTIONARY -> ProblemType.DICTIONARY_TOO_LARGE;
            case TRAINING -> ProblemType.BODY_TOO_LARGE;
        };
        return Problem.of(type, e.getMessage(), path).with("allowed", e.limit());
    }

    @ServerExceptionMapper
    public Response digestMismatch(DigestMismatchException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DIGEST_MISMATCH, e.getMessage(), request.path())
                .with("expected", e.expected()).with("actual", e.actual()).toResponse();
    }

    @ServerExceptionMapper
    public Response training(DictionaryTrainingException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DICTIONARY_TRAINING_FAILED, e.getMessage() + "; send more samples (zstd "
                + "wants about 100 times the dictionary size in all), each like the messages to compress",
                request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidDictionary(InvalidDictionaryException e, HttpServerRequest request) {
        return Problem.of(ProblemType.INVALID_DICTIONARY, e.getMessage(), request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response idMismatch(DictionaryIdMismatchException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DICTIONARY_ID_MISMATCH, e.getMessage(), request.path())
                .with("id", e.ids().namedId()).with("sha256", e.ids().actualId()).toResponse();
    }

    @ServerExceptionMapper
    public Response idConflict(DictionaryIdConflictException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DICTIONARY_ID_CONFLICT, e.getMessage(), request.path())
                .with("dictId", e.conflict().dictId()).with("stored", e.conflict().storedId()).toResponse();
    }

    @ServerExceptionMapper
    public Response readOnly(ReadOnlyDictionaryStoreException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DICTIONARY_STORE_READ_ONLY, e.getMessage() + "; dictionaries come from the "
                + "volume mounted as the store's directory: roll new ones out by updating it, or train and store them "
                + "where the store is writable (docs/dictionaries.md)", request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response tampered(TamperedDictionaryException e, HttpServerRequest request) {
        LOG.errorf("refused dictionary file %s: %s", e.refusal().file(), e.getMessage());
        return Problem.of(ProblemType.TAMPERED_DICTIONARY, e.getMessage(), request.path()).toResponse();
    }

    /** The store's directory or a file of it failed: the operator's to fix, whatever the request was. */
    @ServerExceptionMapper
    public Response storeFailure(DictionaryStoreFailureException e, HttpServerRequest request) {
        LOG.errorf(e, "dictionary store failure on %s: %s (%s)", request.path(), e.getMessage(), e.path());
        return Problem.of(ProblemType.DICTIONARY_STORE_FAILURE, e.getMessage() + "; this is the service's failure, "
                + "not the request's: its operator has to fix the dictionary directory (the service log has the path "
                + "and the cause)", request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response notConfigured(DictionariesNotConfiguredException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DICTIONARIES_NOT_CONFIGURED, e.getMessage(), request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response unsupported(DictionariesUnsupportedException e, HttpServerRequest request) {
        return Problem.of(ProblemType.DICTIONARIES_UNSUPPORTED, e.getMessage()
                + "; messages without a dictionary are served", request.path()).with("engine", e.engineId())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response engineFailure(EngineFailureException e, HttpServerRequest request) {
        LOG.errorf(e, "engine failure on %s", request.path());
        return Problem.of(ProblemType.ENGINE_FAILURE, "the compression engine failed; the service log has details",
                request.path()).toResponse();
    }

    /** No token, or one that does not verify; the detail never says which check failed. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        return Problem.of(ProblemType.UNAUTHORIZED, "send a valid bearer token: Authorization: Bearer <JWT>",
                request.path()).toResponse("WWW-Authenticate", "Bearer");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problem.of(ProblemType.FORBIDDEN, "the token is valid but does not allow this request", request.path())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        ProblemType type = switch (e) {
            case NotSupportedException x -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case NotAcceptableException x -> ProblemType.NOT_ACCEPTABLE;
            case NotFoundException x -> ProblemType.NOT_FOUND;
            case NotAllowedException x -> ProblemType.METHOD_NOT_ALLOWED;
            default -> e.getResponse().getStatus() >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
        };
        String detail = switch (type) {
            case UNSUPPORTED_MEDIA_TYPE -> unsupportedType(request.getHeader("Content-Type"));
            case NOT_FOUND -> "no resource at " + request.path() + "; the API is under /v1 (see /q/openapi)";
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path();
            case INTERNAL -> "internal error; the service log has details";
            default -> e.getMessage();
        };
        if (type == ProblemType.INTERNAL) {
            LOG.errorf(e, "error on %s", request.path());
        }
        Problem p = Problem.of(type, detail, request.path());
        return Response.fromResponse(p.toResponse()).status(type == ProblemType.BAD_REQUEST
                ? e.getResponse().getStatus() : type.status()).build();
    }

    /** What a 415 says: the type refused (none, for a body without one), and what the endpoints take. */
    private static String unsupportedType(String contentType) {
        return (contentType == null ? "a body without a Content-Type" : "Content-Type " + contentType)
                + " is not accepted; send raw bytes to /v1/compress as application/octet-stream, containers as "
                + MediaTypes.H4MK + " or application/octet-stream, and training samples as multipart/form-data";
    }

    /** The request body could not be read: almost always a client that went away mid-upload. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e, HttpServerRequest request) {
        LOG.debugf("request body on %s could not be read: %s", request.path(), e.toString());
        return Problem.of(ProblemType.BAD_REQUEST, "the request body could not be read completely",
                request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected error on %s", request.path());
        return Problem.of(ProblemType.INTERNAL, "internal error; the service log has details", request.path())
                .toResponse();
    }
}
