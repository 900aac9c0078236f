package dev.tenfold.cli;

import dev.tenfold.measure.WarmUpRule;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.http.ItemPayload;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simplest clients a user would write by hand, in the two styles the suite measures: C virtual
 * threads each looping a blocking {@code send}, or C chains of {@code sendAsync} (each response
 * sends the next request); both on one HttpClient against the backend's item, checking status and
 * body length; no JMH, no batches, no execution model, no profiler. The run uses them to warm the
 * backend up before the first measurement (until its rate is steady), and at the end as an
 * independent cross-check of the I/O rows at the highest C. They use the suite's HttpClient
 * configuration ({@link HttpClients}: HTTP/1.1, a callback pool of one thread per core; the JDK's
 * default cached pool is slower at C=1000 on 2 cores), so the check isolates the harness, not a
 * client setting.
 */
final class PlainClientCheck implements AutoCloseable {
    private final HttpClients http = HttpClients.create();
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final int concurrency;

    /** Starts C looping clients at once: blocking ones on virtual threads, or chains of sendAsync. */
    PlainClientCheck(String backendUrl, int concurrency, int latencyMs, boolean async) {
        this.concurrency = concurrency;
        URI base = URI.create(backendUrl.replaceAll("/$", ""));
        if (async) {
            for (int t = 0; t < concurrency; t++) {
                chain(base, latencyMs, t);
            }
            return;
        }
        for (int t = 0; t < concurrency; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().name("plain-client-", t).start(() -> {
                for (int i = first; !stop.get(); i += concurrency) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(HttpItemTask.path(i % 100_000,
                            latencyMs))).build();
                    try {
                        HttpResponse<byte[]> response = http.client().send(request,
                                HttpResponse.BodyHandlers.ofByteArray());
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
    }

    /** Request {@code i}; when it completes, request {@code i + C}, until stopped. */
    private void chain(URI base, int latencyMs, int i) {
        if (stop.get()) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(HttpItemTask.path(i % 100_000, latencyMs))).build();
        http.client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200 && response.body().length == ItemPayload.BYTES.length) {
                done.increment();
            } else {
                failed.increment();
            }
            chain(base, latencyMs, i + concurrency);
        });
    }

    /** Requests completed per second over the next {@code seconds}. */
    double round(double seconds) throws InterruptedException {
        long before = done.sum();
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        return (done.sum() - before) / ((System.nanoTime() - start) / 1e9);
    }

    long failures() {
        return failed.sum();
    }

    /**
     * Rounds of {@code seconds} until the last three agree within 5% of their mean (after at least
     * {@code minRounds}), or {@code maxRounds}: the rates of all rounds.
     */
    List<Double> untilSteady(double seconds, int minRounds, int maxRounds) throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        while (rates.size() < maxRounds) {
            rates.add(round(seconds));
            if (rates.size() >= minRounds && steady(rates)) {
                break;
            }
        }
        return rates;
    }

    /** The last three rates agree within 5% of their mean (1 s rounds are noisier than a trial's batches). */
    static boolean steady(List<Double> rates) {
        return WarmUpRule.lastAgree(rates, 0.05);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        http.close(); // also ends the chains in flight: the client stops, their completions fail
    }
}
