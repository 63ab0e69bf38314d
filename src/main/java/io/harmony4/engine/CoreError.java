package io.harmony4.engine;

/**
 * The {@code H4_E_*} error codes of {@code native/include/h4core.h}, one constant per code, with the same number
 * (a test holds the two lists equal). The core returns them as negative results; {@link CoreLibrary} maps them to
 * typed exceptions by this enum, never by the text of {@code h4_error_name()}, which is for messages only.
 */
enum CoreError {
    GENERIC(-1),
    NULL_ARGUMENT(-2),
    DST_TOO_SMALL(-3),
    SRC_TOO_LARGE(-4),
    BAD_LEVEL(-5),
    CORRUPT(-6),
    CHECKSUM(-7),
    NO_MEMORY(-8),
    SIZE_UNKNOWN(-9),
    /** Since ABI 3. */
    NOT_BEGUN(-10),
    /** Since ABI 4. */
    BAD_FILTER(-11),
    /** Since ABI 5: the frame names a dictionary other than the one given, or none was given. */
    DICTIONARY(-12),
    /** Since ABI 5: the samples cannot make a dictionary. */
    TRAINING(-13),
    /** Since ABI 6: a stream's frame asks for a window larger than the stream accepts (or a window log outside it). */
    WINDOW_TOO_LARGE(-14),
    /** Since ABI 6: bytes after the end of a stream's frame, or a message after its finish. */
    ENDED(-15),
    /** Since ABI 7: a frame just made does not decode to its input (the checked compressor's own check). */
    ROUNDTRIP(-16);

    private static final CoreError[] BY_CODE = byCode();

    /** The negative value the core returns. */
    final int code;

    CoreError(int code) {
        this.code = code;
    }

    /** The name {@code h4core.h} defines, e.g. {@code H4_E_CORRUPT}. */
    String headerName() {
        return "H4_E_" + name();
    }

    /** The error a result code means, or {@code null} for a code the header does not define (nor any result >= 0). */
    static CoreError of(long code) {
        return code < 0 && code > -BY_CODE.length ? BY_CODE[(int) -code] : null;
    }

    private static CoreError[] byCode() {
        int size = 1;
        for (CoreError error : values()) {
            size = Math.max(size, 1 - error.code);
        }
        CoreError[] byCode = new CoreError[size];
        for (CoreError error : values()) {
            byCode[-error.code] = error;
        }
        return byCode;
    }
}
