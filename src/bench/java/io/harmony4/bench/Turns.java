package io.harmony4.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Operations timed in turns: each round runs every operation once, in the same order, so that a shared machine's
 * swings (they reach 2× within a minute here) fall on all of them alike; then medians, and ratios taken within each
 * round. For the figures JMH's means cannot give on this machine ({@link RangeReadTurns}, {@link ScalingTurns},
 * {@link FilterTurns}).
 */
final class Turns {
    /** One operation; what it returns is kept, so that nothing of it can be optimised away. */
    interface Op {
        Object run() throws IOException;
    }

    private static volatile int sink;

    private Turns() {}

    /** {@code nanos[k][round]} of operation k, after {@code warmup} rounds that are not kept. */
    static long[][] time(Op[] ops, int rounds, int warmup) throws IOException {
        return time(ops, rounds, warmup, System::nanoTime);
    }

    /**
     * {@link #time(Op[], int, int)} by the measuring thread's CPU time: what the operations cost that thread,
     * whatever share of the CPUs the other processes of a shared machine take meanwhile (work done by other threads,
     * the garbage collector's included, is not counted).
     */
    static long[][] timeOnThisThread(Op[] ops, int rounds, int warmup) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        return time(ops, rounds, warmup, threads::getCurrentThreadCpuTime);
    }

    private static long[][] time(Op[] ops, int rounds, int warmup, LongSupplier clock) throws IOException {
        long[][] nanos = new long[ops.length][rounds];
        for (int round = -warmup; round < rounds; round++) {
            for (int k = 0; k < ops.length; k++) {
                long t = clock.getAsLong();
                Object result = ops[k].run();
                long took = clock.getAsLong() - t;
                sink ^= System.identityHashCode(result);
                if (round >= 0) {
                    nanos[k][round] = took;
                }
            }
        }
        return nanos;
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The median over the rounds of {@code numerator[r] / denominator[r]}. */
    static double medianRatio(long[] numerator, long[] denominator) {
        double[] ratio = new double[numerator.length];
        for (int r = 0; r < ratio.length; r++) {
            ratio[r] = (double) numerator[r] / denominator[r];
        }
        Arrays.sort(ratio);
        return ratio[ratio.length / 2];
    }
}
