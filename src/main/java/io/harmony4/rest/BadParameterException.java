package io.harmony4.rest;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter that is not of its declared type. A {@link jakarta.ws.rs.WebApplicationException}, because
 * RESTEasy Reactive passes those from a parameter converter through unchanged, where it turns any other failure of a
 * query parameter into a bare 404.
 */
final class BadParameterException extends BadRequestException {
    final String parameter;

    BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }
}
