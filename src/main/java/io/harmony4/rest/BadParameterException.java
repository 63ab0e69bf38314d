package io.harmony4.rest;

/** A query parameter a person can fix: names the parameter and what is accepted. */
final class BadParameterException extends RuntimeException {
    final String parameter;

    BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }
}
