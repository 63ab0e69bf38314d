package io.harmony4.service;

/** A request parameter a person can fix: names the parameter and says what is accepted. */
public final class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name as the API spells it. */
    public String parameter() {
        return parameter;
    }
}
