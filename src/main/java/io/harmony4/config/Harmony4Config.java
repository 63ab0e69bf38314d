package io.harmony4.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every {@code harmony4.*} setting (docs/configuration.md). Each key can also be set as an environment variable
 * (e.g. HARMONY4_ENGINE). Compiled for Java 17: Quarkus loads it in the build JVM.
 */
@ConfigMapping(prefix = "harmony4")
public interface Harmony4Config {

    /** Which engine serves: {@code auto} (core if usable, else reference), {@code core} or {@code reference}. */
    @WithDefault("auto")
    EngineMode engine();

    Core core();

    Limits limits();

    Container container();

    Spool spool();

    Health health();

    Dictionaries dictionaries();

    Messages messages();

    Streams streams();

    interface Core {
        /** Path of {@code libh4core.so}; also read from the environment variable HARMONY4_CORE_PATH. */
        Optional<String> path();

        /** zstd level the core compresses at; the core's accepted range is checked at start-up. */
        @WithDefault("3")
        int level();

        /**
         * Decode every frame the core makes and compare it with its input before using it, so that a faulty core
         * fails the request instead of producing a container that cannot be read back.
         */
        @WithDefault("true")
        boolean verifyCompression();
    }

    /** What a request may ask of the service; beyond these, a 413 or 422 problem. */
    interface Limits {
        /** Largest request body. */
        @WithDefault("4G")
        MemorySize maxRequestSize();

        /** Largest content a container may decode to. */
        @WithDefault("4G")
        MemorySize maxContentSize();

        /** Largest ratio of content size to container size (decompression bombs); 0 for none. */
        @WithDefault("1000")
        long maxExpansionRatio();

        /** Largest block size a container may declare, or a compress request ask for. */
        @WithDefault("16M")
        MemorySize maxBlockSize();

        /** Most blocks a container may hold. */
        @WithDefault("1048576")
        long maxBlockCount();
    }

    interface Container {
        /** Block size of containers the service writes, unless a request asks for another. */
        @WithDefault("1M")
        MemorySize blockSize();

        /** Blocks compressed or decoded at once per request; default: the number of CPUs. */
        OptionalInt parallelism();
    }

    /** Where request results wait until they are verified and sent. */
    interface Spool {
        /**
         * Heap that the results of all requests together may hold while they wait to be sent; a result that finds no
         * room left goes to a temporary file.
         */
        @WithDefault("192M")
        MemorySize memoryBudget();

        /** Folder for the temporary files; default: java.io.tmpdir. */
        Optional<String> dir();
    }

    interface Health {
        /** How often readiness re-runs the engine self-test. */
        @WithDefault("30s")
        Duration selfTestInterval();
    }

    /** Trained zstd dictionaries for small messages (docs/dictionaries.md). */
    interface Dictionaries {
        /**
         * The store's directory, one file per dictionary named by its SHA-256; unset: the dictionary endpoints answer
         * that none is configured, and messages without a dictionary still work.
         */
        Optional<String> dir();

        /** Bytes of dictionaries kept in memory: verified bytes, and as many dictionaries digested by the engine. */
        @WithDefault("64M")
        MemorySize cacheSize();

        /** Largest dictionary stored or trained. */
        @WithDefault("1M")
        MemorySize maxSize();

        /**
         * The service stores nothing: {@code POST} and {@code PUT /v1/dictionaries} are refused (409), reads and
         * messages work. For replicas whose directory is a read-only volume (a ConfigMap, a claim), where
         * dictionaries come from the volume.
         */
        @WithDefault("false")
        boolean readOnly();

        /**
         * Largest training request ({@code POST /v1/dictionaries}, the whole multipart body), refused from its
         * {@code Content-Length} before any of it is read; a training request must declare it.
         */
        @WithDefault("64M")
        MemorySize maxTrainingSize();

        /**
         * How long a check that found a dictionary's file there and intact stands for the messages that use it: they
         * look at the file at most once per interval, and a removed or replaced file is refused at most this long
         * after. A message on the event loop never looks at a file; one whose dictionary was not checked within the
         * interval is served on a worker, which checks it. {@code 0}: every message checks the file, on a worker.
         */
        @WithDefault("1s")
        Duration checkInterval();
    }

    /** {@code /v1/messages}: one small payload per request, in one zstd frame. */
    interface Messages {
        /** Largest message body; larger content belongs in a container ({@code /v1/compress}). */
        @WithDefault("1M")
        MemorySize maxSize();
    }

    /** {@code /v1/streams}: live streams of messages over WebSocket (docs/streams.md). */
    interface Streams {
        /** Largest message, in and out; larger is closed with 1009. */
        @WithDefault("1M")
        MemorySize maxMessageSize();

        /**
         * Streams open at once in this process; past it the upgrade is refused with 503 and Retry-After. A busy stream
         * at the default window holds about 9.5 MiB of native memory: 32 fit beside the heap of the shipped 1 GiB pod.
         */
        @WithDefault("32")
        int maxStreams();

        /** What Retry-After says when the cap refuses an upgrade. */
        @WithDefault("5s")
        Duration retryAfter();

        /** A stream that receives no message for this long is closed (1008). */
        @WithDefault("5m")
        Duration idleTimeout();

        /** log2 of the compressor's window and of the largest window a decompressor accepts: 10..23 (8 MiB). */
        @WithDefault("23")
        int windowLog();

        /** The compressing side sends a checkpoint every this many messages, unless the client asks otherwise. */
        @WithDefault("64")
        int checkpointEvery();

        /** Messages received but whose answer is not yet sent, per stream, past which the stream stops reading. */
        @WithDefault("16")
        int maxPending();

        /** Decoded messages a verified decompressing stream holds until a checkpoint covers them; past it, 1008. */
        @WithDefault("1024")
        int maxHeldMessages();

        /** Bytes of decoded messages a verified decompressing stream holds; past it, 1008. */
        @WithDefault("8M")
        MemorySize maxHeldBytes();
    }

    enum EngineMode {
        AUTO,
        CORE,
        REFERENCE
    }
}
