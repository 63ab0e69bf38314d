package io.harmony4.service;

import io.harmony4.config.Harmony4Config;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.digest.Sha256;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.DeclaredContentSize;
import io.harmony4.engine.DictionaryCompression;
import io.harmony4.engine.EngineInfo;
import io.harmony4.engine.FrameHeader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Small messages in one frame each (docs/dictionaries.md): no container, so nothing but the frame's own few bytes
 * around the compressed content. With the core a message is an RFC 8878 zstd frame (content size, checksum, and the
 * dictionary's dictID when one is used), or RFC 9842's {@code dcz}; with the reference engine it is that engine's
 * own frame, and dictionaries are refused.
 */
@ApplicationScoped
public class MessageService {
    /** The request header that names the SHA-256 a client expects of a decoded message. */
    public static final String EXPECT_HEADER = "Harmony4-Expect-Content-SHA256";

    /** How a compressed message is framed. */
    public enum Format {
        /** A plain zstd frame (the serving engine's frame with the reference engine). */
        ZSTD,
        /** RFC 9842's {@code dcz}: a 40-byte header naming the dictionary's SHA-256, then the zstd frame. */
        DCZ
    }

    /**
     * The most content a message may have to be compressed or decoded on the event loop that received it: at zstd's
     * speed at {@value #QUICK_LEVEL} and below (some tens of MB/s at least), tens of microseconds of work at most;
     * larger messages, up to {@code harmony4.messages.max-size}, take a millisecond and more, which an event loop
     * serving other connections must not spend.
     */
    public static final int QUICK_CONTENT = 16 * 1024;
    /** The slowest zstd level at which a message of {@value #QUICK_CONTENT} bytes is compressed on the event loop. */
    static final int QUICK_LEVEL = 9;

    private final DictionaryService dictionaries;
    private final long maxSize;

    MessageService(DictionaryService dictionaries, Harmony4Config config) {
        this.dictionaries = dictionaries;
        this.maxSize = config.messages().maxSize().asLongValue();
    }

    /** The largest message, in bytes. */
    public long maxSize() {
        return maxSize;
    }

    /** A compressed message, the SHA-256 of its content (hex), the dictionary used if any, and the engine. */
    public record Compressed(byte[] message, long contentSize, String contentSha256, Optional<DictionaryId> dictionary,
            EngineInfo engine) {}

    /** A decoded message, its SHA-256, the dictionary it was decoded with, if any, and the compressed size. */
    public record Decompressed(byte[] content, byte[] sha256, Optional<DictionaryId> dictionary, long messageSize) {}

    /**
     * The parameters of a compress request, checked before the body is read: the {@code format} ({@code zstd},
     * the default, or {@code dcz}, which needs a dictionary), the {@code dictionary} id and the {@code level}.
     */
    public record Options(Format format, Optional<DictionaryId> dictionary, Integer level) {}

    public Options options(String dictionary, Integer level, String format) {
        Format f = format(format);
        Optional<DictionaryId> id = Optional.ofNullable(dictionary)
                .map(text -> DictionaryService.parseId(text, "dictionary"));
        if (f == Format.DCZ && id.isEmpty()) {
            throw new InvalidParameterException("format", "format=dcz frames a message made with a dictionary: "
                    + "name one with dictionary=<id>");
        }
        // the level is refused here, before the body is read, if the engine has no such level
        dictionaries.engineAt(level);
        return new Options(f, id, level);
    }

    private static Format format(String text) {
        if (text == null) {
            return Format.ZSTD;
        }
        try {
            return Format.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("format", "format must be zstd or dcz, got '" + text + "'");
        }
    }

    /** Compresses the message {@code content}, whole and at most {@link #maxSize()}, as {@code options} say. */
    public Compressed compress(byte[] content, Options options) throws IOException {
        if (options.dictionary().isEmpty()) {
            return compressed(content, options, dictionaries.engineAt(options.level()));
        }
        return dictionaries.withDictionary(options.dictionary().get(), options.level(), isDcz(options),
                engine -> compressed(content, options, engine));
    }

    /**
     * {@link #compress}, if it is sure to take no more than some tens of microseconds and needs nothing but memory,
     * so that the event loop that received the message may do it: a message of at most {@value #QUICK_CONTENT} bytes,
     * at a level no slower than {@value #QUICK_LEVEL}, with its dictionary, if any, digested already and checked in
     * the store within its check interval (a first use reads the store and builds zstd's tables). Empty for anything
     * else, which {@link #compress} does on a worker; the answer is the same either way.
     */
    public Optional<Compressed> compressQuickly(byte[] content, Options options) {
        CompressionEngine engine = dictionaries.engineAt(options.level());
        if (content.length > QUICK_CONTENT || engine.info().level() > QUICK_LEVEL) {
            return Optional.empty();
        }
        if (options.dictionary().isEmpty()) {
            return Optional.of(compressed(content, options, engine));
        }
        return dictionaries.withDictionaryInMemory(options.dictionary().get(), options.level(), isDcz(options),
                bound -> compressed(content, options, bound));
    }

    /** dcz: RFC 9842 decoders apply the dictionary's bytes as a raw prefix, whatever they start with. */
    private static boolean isDcz(Options options) {
        return options.format() == Format.DCZ;
    }

    /** {@code content} compressed by {@code engine}, bound to the dictionary {@code options} name if any. */
    private static Compressed compressed(byte[] content, Options options, CompressionEngine engine) {
        byte[] frame = engine.compress(content);
        byte[] message = isDcz(options) ? Dcz.wrap(options.dictionary().orElseThrow(), frame) : frame;
        return new Compressed(message, content.length, HexFormat.of().formatHex(Sha256.of(content)),
                options.dictionary(), engine.info());
    }

    /**
     * The parameters of a decompress request, checked before the body is read: the dictionary named for frames that
     * name none, and the SHA-256 expected of the content, if any.
     */
    public record Decoding(Optional<DictionaryId> named, byte[] expected) {}

    public Decoding decoding(String dictionary, String expectedSha256) {
        Optional<DictionaryId> named = Optional.ofNullable(dictionary)
                .map(text -> DictionaryService.parseId(text, "dictionary"));
        return new Decoding(named, expectedSha256 == null ? null : parseSha256(expectedSha256));
    }

    /** The largest body a decompress request takes: a frame of an incompressible message of the largest size. */
    public long maxCompressedSize() {
        return largestMessage(maxSize);
    }

    /** The longest message of {@code contentSize} bytes of content: its frame's blocks and header, a dcz header. */
    private static long largestMessage(long contentSize) {
        return contentSize + contentSize / 128 + 1024 + Dcz.HEADER_SIZE;
    }

    /**
     * A message to decode, its framing read once, for both {@link #decompressQuickly} and {@link #decompress}: the
     * whole body {@code bytes}, the dictionary a {@code dcz} header names ({@code dcz}), the zstd frame (after that
     * header, or the whole body), and what the frame's header declares, if it is one the serving engine reads.
     */
    public record ParsedMessage(byte[] bytes, Optional<DictionaryId> dcz, byte[] frame,
            Optional<FrameHeader> header) {}

    /** Reads the framing of {@code message}, a whole body; never refuses: what cannot be decoded is found then. */
    public ParsedMessage parse(byte[] message) {
        Optional<DictionaryId> dcz = Dcz.dictionary(message);
        byte[] frame = dcz.isPresent() ? Dcz.frame(message) : message;
        return new ParsedMessage(message, dcz, frame, zstdHeader(frame));
    }

    /**
     * Decodes one message of at most {@link #maxCompressedSize()} bytes: a {@code dcz} message with the dictionary
     * its header names; a zstd frame with the dictionary its dictID names, or with the one {@code decoding} names (a
     * raw-content dictionary's frames name none), or with none. With a SHA-256 expected, the content must have it.
     *
     * @throws DigestMismatchException when the content's SHA-256 is not the one expected
     */
    public Decompressed decompress(ParsedMessage message, Decoding decoding) throws IOException {
        message.header().ifPresent(this::checkHeader);
        engineFrameSize(message.frame()).ifPresent(this::checkDeclaredSize);
        Optional<DictionaryId> given = given(message, decoding);
        Optional<DictionaryId> id = given.isPresent() ? given : dictionaryNamedBy(message.header());
        byte[] frame = message.frame();
        byte[] content = id.isEmpty()
                ? dictionaries.engineAt(null).decompress(frame)
                : given.isPresent()
                        ? dictionaries.withDictionary(id.get(), null, message.dcz().isPresent(),
                                engine -> engine.decompress(frame))
                        // found by the frame's dictID, which checked the store: not checked a second time
                        : dictionaries.withDictionaryFound(id.get(), engine -> engine.decompress(frame));
        return decoded(content, id, message, decoding);
    }

    /**
     * {@link #decompress}, if it is sure to take no more than some tens of microseconds and needs nothing but memory,
     * so that the event loop that received the message may do it: a zstd frame that declares at most
     * {@value #QUICK_CONTENT} bytes of content, in a body no longer than such a frame can be, whose dictionary, if
     * any, is digested already and was checked in the store within its check interval (and, named by the frame's
     * dictID, found by it before). Empty for anything else (a first use of a dictionary, one not checked lately, a
     * frame that declares more or nothing, the reference engine's frames), which {@link #decompress} does on a worker;
     * the answer, or problem, is the same either way.
     */
    public Optional<Decompressed> decompressQuickly(ParsedMessage message, Decoding decoding) {
        Optional<FrameHeader> header = message.header();
        // a small declared size in a long body (empty blocks, padding) would be a long walk on the event loop
        if (header.isEmpty() || header.get().contentSize().orElse(Long.MAX_VALUE) > QUICK_CONTENT
                || message.bytes().length > largestMessage(QUICK_CONTENT)) {
            return Optional.empty();
        }
        checkHeader(header.get());
        Optional<DictionaryId> given = given(message, decoding);
        long dictId = header.get().dictId();
        byte[] frame = message.frame();
        if (given.isEmpty() && dictId == 0) {
            return Optional.of(decoded(dictionaries.engineAt(null).decompress(frame), given, message, decoding));
        }
        Optional<DictionaryId> id = given.isPresent() ? given : dictionaries.recentlyVerifiedByDictId(dictId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return dictionaries.withDictionaryInMemory(id.get(), null, message.dcz().isPresent(),
                engine -> engine.decompress(frame)).map(content -> decoded(content, id, message, decoding));
    }

    /** The dictionary a message names itself ({@code dcz}), else the one {@code decoding} names, if any. */
    private static Optional<DictionaryId> given(ParsedMessage message, Decoding decoding) {
        return message.dcz().isPresent() ? message.dcz() : decoding.named();
    }

    /** The decoded {@code content}, its SHA-256 checked against the one expected, if any. */
    private static Decompressed decoded(byte[] content, Optional<DictionaryId> dictionary, ParsedMessage message,
            Decoding decoding) {
        byte[] sha256 = Sha256.of(content);
        byte[] expected = decoding.expected();
        if (expected != null && !MessageDigest.isEqual(expected, sha256)) {
            throw new DigestMismatchException(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(sha256));
        }
        return new Decompressed(content, sha256, dictionary, message.bytes().length);
    }

    /** The stored dictionary a zstd frame's dictID names; none for frames that name none, or another engine's. */
    private Optional<DictionaryId> dictionaryNamedBy(Optional<FrameHeader> header) throws IOException {
        long dictId = header.map(FrameHeader::dictId).orElse(0L);
        return dictId == 0 ? Optional.empty() : Optional.of(dictionaries.byDictId(dictId));
    }

    /**
     * What a zstd frame's header declares, read by the core; empty for bytes that do not start with a whole zstd
     * frame header (the decoder refuses those) and with an engine that has no zstd frames (the reference engine's
     * own frames, whose declared size {@link #engineFrameSize} reads).
     */
    private Optional<FrameHeader> zstdHeader(byte[] frame) {
        if (!(dictionaries.engineAt(null) instanceof DictionaryCompression core)) {
            return Optional.empty();
        }
        try {
            return Optional.of(core.frameHeader(frame));
        } catch (CorruptInputException notAHeader) {
            return Optional.empty();
        }
    }

    /**
     * What the serving engine's own frame declares as its content, when that engine is not the core (the reference
     * engine): read from its header, so that the declared size is bounded before its decoder allocates it. Empty with
     * the core, whose frames {@link #zstdHeader} reads, and for bytes that are not such a header (the decoder refuses
     * those).
     */
    private OptionalLong engineFrameSize(byte[] frame) {
        return DeclaredContentSize.of(dictionaries.engineAt(null), frame);
    }

    /** Refuses a frame the decoder cannot take before anything is decoded, with the reason. */
    private void checkHeader(FrameHeader header) {
        header.contentSize().ifPresent(this::checkDeclaredSize);
        checkRequiredFields(header);
    }

    private void checkDeclaredSize(long declared) {
        if (declared > maxSize) {
            throw new SizeLimitException(SizeLimitException.Subject.MESSAGE, maxSize, "the frame declares " + declared
                    + " bytes of content, more than a message may hold; larger content belongs in a container: "
                    + "POST /v1/compress and /v1/decompress");
        }
    }

    /** The core decodes only frames with both fields: say which one is missing rather than "not a frame". */
    private static void checkRequiredFields(FrameHeader header) {
        String missing = header.contentSize().isEmpty() ? "content size" : !header.checksum() ? "content checksum"
                : null;
        if (missing != null) {
            throw new CorruptInputException("the zstd frame has no " + missing + ": a message is a frame with its "
                    + "content size and content checksum (RFC 8878 Frame_Content_Size, Content_Checksum_flag); "
                    + "compress with both on (zstd-jni: setContentSize(true), setChecksum(true))", 4);
        }
    }

    private static byte[] parseSha256(String hex) {
        if (hex.length() != 64) {
            throw new InvalidParameterException(EXPECT_HEADER, EXPECT_HEADER + " is a SHA-256 in hex (64 digits), "
                    + "got " + hex.length() + " characters");
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(EXPECT_HEADER, EXPECT_HEADER + " is a SHA-256 in hex: "
                    + e.getMessage());
        }
    }
}
