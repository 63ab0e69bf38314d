package io.harmony4.service;

/** A message, a dictionary or a training request is larger than its configured limit. */
public final class SizeLimitException extends RuntimeException {
    /** What is limited, and by which setting. */
    public enum Subject {
        MESSAGE("harmony4.messages.max-size"),
        DICTIONARY("harmony4.dictionaries.max-size"),
        TRAINING("harmony4.dictionaries.max-training-size");

        private final String setting;

        Subject(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    private final Subject subject;
    private final long limit;

    SizeLimitException(Subject subject, long limit, String message) {
        super(message + " (" + subject.setting() + ": " + limit + " bytes)");
        this.subject = subject;
        this.limit = limit;
    }

    public Subject subject() {
        return subject;
    }

    /** The configured limit in bytes. */
    public long limit() {
        return limit;
    }
}
