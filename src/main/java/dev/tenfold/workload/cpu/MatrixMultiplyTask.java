package dev.tenfold.workload.cpu;

import java.util.SplittableRandom;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;

/** A numeric kernel: a dense n x n double matrix product (i-k-j loop order, cache friendly). */
public final class MatrixMultiplyTask extends CheckedCpuTask {
    public static final String KIND = "cpu-matmul";
    private static final int INPUTS = 8;
    private final int n;
    private final double[][] a = new double[INPUTS][];
    private final double[][] b = new double[INPUTS][];

    public MatrixMultiplyTask(int n) {
        this.n = n;
        for (int i = 0; i < INPUTS; i++) {
            SplittableRandom random = new SplittableRandom(2_000 + i);
            a[i] = random.doubles(n * n, -1, 1).toArray();
            b[i] = random.doubles(n * n, -1, 1).toArray();
        }
        precomputeExpected(INPUTS);
    }

    @Override
    protected long compute(int input) {
        double[] x = a[input];
        double[] y = b[input];
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i * n + k];
                int row = k * n;
                int out = i * n;
                for (int j = 0; j < n; j++) {
                    c[out + j] += xik * y[row + j];
                }
            }
        }
        long digest = 17;
        for (double v : c) {
            digest = digest * 31 + Double.doubleToLongBits(v);
        }
        return digest;
    }

    @Override
    public TaskSpec workerSpec() {
        return TaskSpec.of(KIND, Integer.toString(n));
    }

    public static WorkerTask fromSpec(TaskSpec spec) {
        return WorkerTask.of(new MatrixMultiplyTask(spec.intArg(0)));
    }
}
