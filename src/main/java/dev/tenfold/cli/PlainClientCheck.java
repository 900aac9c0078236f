package dev.tenfold.cli;

import dev.tenfold.workload.HttpItemTask;
import dev.tenfold.workload.ItemPayload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * An independent cross-check of the I/O figures: the simplest client a user would write by hand,
 * no JMH, no execution model, no profiler. C virtual threads each loop {@code send} on one default
 * {@link HttpClient} against the same backend and item, checking status and body length; after
 * warm-up rounds, the rate of a few measured rounds. The suite's best model at that C should come
 * within 10% of it; if it does not, the suite measures its own overhead, not the model.
 */
final class PlainClientCheck {
    /** Requests per second of each measured round, and the failures seen in them. */
    record Result(int concurrency, double[] roundRates, double roundSeconds, double warmupSeconds, long failures) {
    }

    private PlainClientCheck() {
    }

    static Result run(String backendUrl, int concurrency, int latencyMs, int warmupRounds, int rounds, double roundSeconds)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create(backendUrl.replaceAll("/$", ""));
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; !stop.get(); i += concurrency) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(HttpItemTask.path(i % 100_000, latencyMs))).build();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() == 200 && response.body().length == ItemPayload.BYTES.length) {
                            done.increment();
                        } else {
                            failed.increment();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failed.increment();
                    }
                }
            }));
        }
        double[] rates = new double[rounds];
        long failuresBefore = 0;
        try {
            for (int round = -warmupRounds; round < rounds; round++) {
                long before = done.sum();
                long start = System.nanoTime();
                Thread.sleep((long) (roundSeconds * 1000));
                double rate = (done.sum() - before) / ((System.nanoTime() - start) / 1e9);
                if (round >= 0) {
                    rates[round] = rate;
                } else {
                    failuresBefore = failed.sum();
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            client.shutdownNow();
        }
        return new Result(concurrency, rates, roundSeconds, warmupRounds * roundSeconds, failed.sum() - failuresBefore);
    }
}
