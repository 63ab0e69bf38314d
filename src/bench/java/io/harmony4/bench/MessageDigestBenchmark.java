package io.harmony4.bench;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The digests that the core and the service compute in Java on every message, on the messages of
 * {@link DictionaryMessageBenchmark}: the XXH64 with which {@code CoreEngine} checks a decoded frame's checksum again
 * after libzstd, and the SHA-256 that {@code MessageService} computes of every message, made as it makes it
 * ({@code MessageDigest.getInstance} per call). Average time per message: parts of the rows' times, not peers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageDigestBenchmark {
    private static final Hasher64 XXH64 = Hashing.xxh64();

    @Param({"tokens", "json", "dickens"})
    public String data;

    @Param({"256", "1024", "4096", "16384"})
    public int size;

    private Rotation messages;

    @Setup
    public void setup() {
        messages = new Rotation(DictionaryMessages.measured(data, size));
    }

    @Benchmark
    public long xxh64() {
        return XXH64.hashBytesToLong(messages.next());
    }

    @Benchmark
    public byte[] sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(messages.next());
    }
}
