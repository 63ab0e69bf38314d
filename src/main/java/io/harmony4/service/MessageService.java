package io.harmony4.service;

import io.harmony4.config.Harmony4Config;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.digest.Sha256;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.DictionaryCompression;
import io.harmony4.engine.EngineInfo;
import io.harmony4.engine.FrameHeader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
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

    /** Compresses one message as {@code options} say. */
    public Compressed compress(InputStream body, Options options) throws IOException {
        byte[] content = MessageBody.read(body, maxSize);
        String sha256 = HexFormat.of().formatHex(Sha256.of(content));
        if (options.dictionary().isEmpty()) {
            CompressionEngine engine = dictionaries.engineAt(options.level());
            return new Compressed(engine.compress(content), content.length, sha256, Optional.empty(), engine.info());
        }
        DictionaryId id = options.dictionary().get();
        // dcz: RFC 9842 decoders apply the dictionary's bytes as a raw prefix, whatever they start with
        boolean dcz = options.format() == Format.DCZ;
        return dictionaries.withDictionary(id, options.level(), dcz, engine -> {
            byte[] frame = engine.compress(content);
            byte[] message = dcz ? Dcz.wrap(id, frame) : frame;
            return new Compressed(message, content.length, sha256, Optional.of(id), engine.info());
        });
    }

    /**
     * Decodes one message: a {@code dcz} message with the dictionary its header names; a zstd frame with the
     * dictionary its dictID names, or with {@code dictionary} (a raw-content dictionary's frames name none), or
     * with none. With {@code expectedSha256} (hex), the content must have it.
     *
     * @throws DigestMismatchException when the content's SHA-256 is not the one expected
     */
    public Decompressed decompress(InputStream body, String dictionary, String expectedSha256) throws IOException {
        Optional<DictionaryId> named = Optional.ofNullable(dictionary)
                .map(text -> DictionaryService.parseId(text, "dictionary"));
        byte[] expected = expectedSha256 == null ? null : parseSha256(expectedSha256);
        // a frame of an incompressible message of the largest size, its header and the dcz header
        byte[] message = MessageBody.read(body, maxSize + maxSize / 128 + 1024 + Dcz.HEADER_SIZE);
        Optional<DictionaryId> dcz = Dcz.dictionary(message);
        byte[] frame = dcz.isPresent() ? Dcz.frame(message) : message;
        Optional<FrameHeader> header = zstdHeader(frame);
        header.ifPresent(this::checkDeclaredSize);
        header.ifPresent(MessageService::checkRequiredFields);
        Optional<DictionaryId> given = dcz.isPresent() ? dcz : named;
        Optional<DictionaryId> id = given.isPresent() ? given : dictionaryNamedBy(header);
        byte[] content = id.isEmpty()
                ? dictionaries.engineAt(null).decompress(frame)
                : given.isPresent()
                        ? dictionaries.withDictionary(id.get(), null, dcz.isPresent(), engine -> engine.decompress(frame))
                        // found by the frame's dictID, which checked the store: not checked a second time
                        : dictionaries.withDictionaryFound(id.get(), engine -> engine.decompress(frame));
        byte[] sha256 = Sha256.of(content);
        if (expected != null && !MessageDigest.isEqual(expected, sha256)) {
            throw new DigestMismatchException(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(sha256));
        }
        return new Decompressed(content, sha256, id, message.length);
    }

    /** The stored dictionary a zstd frame's dictID names; none for frames that name none, or another engine's. */
    private Optional<DictionaryId> dictionaryNamedBy(Optional<FrameHeader> header) throws IOException {
        long dictId = header.map(FrameHeader::dictId).orElse(0L);
        return dictId == 0 ? Optional.empty() : Optional.of(dictionaries.byDictId(dictId));
    }

    /**
     * What a zstd frame's header declares, read by the core; empty for bytes that do not start with a whole zstd
     * frame header (the decoder refuses those) and with an engine that has no zstd frames (the reference engine's
     * own frames pass through to it untouched).
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

    private void checkDeclaredSize(FrameHeader header) {
        OptionalLong declared = header.contentSize();
        if (declared.isPresent() && declared.getAsLong() > maxSize) {
            throw new SizeLimitException(SizeLimitException.Subject.MESSAGE, maxSize, "the frame declares "
                    + declared.getAsLong() + " bytes of content, more than a message may hold; larger content "
                    + "belongs in a container: POST /v1/compress and /v1/decompress");
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
