package io.harmony4.container;

import io.harmony4.filter.FilterChain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@code inspect} (structure, CRCs and, in version 2, the content root against SEEK) and {@code verify} (every block
 * decoded and checked against its SHA-256, output discarded).
 */
public final class ContainerInspector {
    private ContainerInspector() {}

    /** Checks framing, CRCs, the seek table and the trailer without decoding blocks. */
    public static ContainerReport inspect(InputStream in, ContainerLimits limits) throws IOException {
        return run(in, EngineSet.of(), limits, null, 1, H4mkInputStream.Mode.STRUCTURE_ONLY);
    }

    /** Decodes every block and checks everything, including the SHA-256 of the content; keeps no output. */
    public static ContainerReport verify(InputStream in, EngineSet engines, ContainerLimits limits, Executor executor,
            int parallelism) throws IOException {
        return run(in, engines, limits, executor, parallelism, H4mkInputStream.Mode.DECODE);
    }

    private static ContainerReport run(InputStream in, EngineSet engines, ContainerLimits limits, Executor executor,
            int parallelism, H4mkInputStream.Mode mode) throws IOException {
        Collector c = new Collector();
        try (H4mkInputStream h4 = new H4mkInputStream(in, engines, limits, executor, parallelism, mode, c)) {
            h4.verifyToEnd();
        }
        return new ContainerReport(c.version(), c.header().blockSize(), c.header().codecs(), List.copyOf(c.chunks),
                List.copyOf(c.blocks), c.contentSize(), c.end, c.contentSha256(), c.contentRoot(),
                mode == H4mkInputStream.Mode.DECODE);
    }

    /** The summary plus every chunk and block. */
    private static final class Collector extends ContainerSummary {
        final List<ContainerReport.Chunk> chunks = new ArrayList<>();
        final List<ContainerReport.Block> blocks = new ArrayList<>();
        long end;

        @Override
        public void chunk(String type, long offset, long length) {
            chunks.add(new ContainerReport.Chunk(type, offset, length));
            end = offset + length;
        }

        @Override
        public void block(long index, long offset, long chunkLength, int originalSize, String codec,
                FilterChain filters) {
            blocks.add(new ContainerReport.Block(index, offset, chunkLength, originalSize, codec,
                    filters.toString()));
        }
    }
}
