package dev.tenfold.workload.cpu;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;

/**
 * Crypto: a SHA-256 chain, each round hashing the previous digest and a buffer of random bytes
 * (a stand-in for checksumming or signing payloads).
 */
public final class Sha256ChainTask extends CheckedCpuTask {
    public static final String KIND = "cpu-sha256";
    private static final int INPUTS = 8;
    private final int bufferBytes;
    private final int rounds;
    private final byte[][] buffers = new byte[INPUTS][];

    public Sha256ChainTask(int bufferBytes, int rounds) {
        this.bufferBytes = bufferBytes;
        this.rounds = rounds;
        for (int i = 0; i < INPUTS; i++) {
            buffers[i] = new byte[bufferBytes];
            new SplittableRandom(1_000 + i).nextBytes(buffers[i]);
        }
        precomputeExpected(INPUTS);
    }

    @Override
    protected long compute(int input) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] digest = new byte[32];
        for (int r = 0; r < rounds; r++) {
            sha.update(digest);
            sha.update(buffers[input]);
            digest = sha.digest();
        }
        return ByteBuffer.wrap(digest).getLong();
    }

    /** The inputs task i hashes (i modulo their count): what the Python recipe is given, to hash the same bytes. */
    public java.util.List<byte[]> buffers() {
        return java.util.Arrays.stream(buffers).map(byte[]::clone).toList();
    }

    public int rounds() {
        return rounds;
    }

    @Override
    public TaskSpec workerSpec() {
        return TaskSpec.of(KIND, Integer.toString(bufferBytes), Integer.toString(rounds));
    }

    public static WorkerTask fromSpec(TaskSpec spec) {
        return WorkerTask.of(new Sha256ChainTask(spec.intArg(0), spec.intArg(1)));
    }
}
