"""The blog post's recipe in its own language: the same tasks as tenfold's Java rows, run the way
the post says to run them in Python (asyncio or threads for I/O, a process pool for CPU work).

Standard library only, Python >= 3.8. tenfold's PythonRecipeModel starts this program, which
reads one JSON line of settings from stdin, answers {"ready": ...} once its pool is up, then
runs one batch per {"run": n} line: tasks 0 .. n-1, every result checked, answered with one JSON
line of counts. It exits at the end of stdin, and so do its pool processes when it dies.

Tasks (the Java twins, in dev.tenfold.workload):
  io      GET /io/item/{i}?latencyMs=L, HTTP/1.1 with keep-alive; a task succeeds on status 200
          and the body the Java side sent as "expected", byte for byte (HttpItemTask)
  sha256  a chain of `rounds` SHA-256 digests over the previous digest and input i % len(inputs),
          the inputs sent by the Java side; the digest's first 8 bytes go back, for the Java side
          to check against its own (Sha256ChainTask)
Models: serial; threads (ThreadPoolExecutor of `concurrency`); asyncio (io only: a semaphore of
`concurrency` over asyncio streams); process (ProcessPoolExecutor of `workers`).
"""
import asyncio
import base64
import concurrent.futures
import hashlib
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

REQUEST_TIMEOUT_S = 60

# Set in each process that runs tasks (the main one, or a pool worker) by configure().
SETTINGS = {}
LOCAL = threading.local()


def configure(settings):
    """Keeps the settings and decodes the inputs; a pool worker also ends when its parent does."""
    SETTINGS.clear()
    SETTINGS.update(settings)
    SETTINGS["inputs_bytes"] = [base64.b64decode(s) for s in settings.get("inputs", [])]
    SETTINGS["expected_bytes"] = settings.get("expected", "").encode("utf-8")
    url = urllib.parse.urlsplit(settings.get("url", "http://127.0.0.1:1"))
    SETTINGS["host"], SETTINGS["port"] = url.hostname, url.port


def configure_worker(settings, parent):
    configure(settings)
    exit_with(parent)


def exit_with(parent):
    """Ends this process as soon as `parent` is gone (a pool must not outlive a killed driver)."""
    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(3)
    threading.Thread(target=watch, daemon=True).start()


def path(i):
    return "/io/item/%d?latencyMs=%d" % (i, SETTINGS["latency_ms"])


def outcome(i, started, digest=None, error=None):
    """What one task did: (index, digest (CPU tasks) or None, error text or None, nanoseconds it took)."""
    return i, digest, error, time.perf_counter_ns() - started


def fetch(i):
    """One request on this thread's keep-alive connection (serial, threads and process models)."""
    started = time.perf_counter_ns()
    conn = getattr(LOCAL, "conn", None)
    if conn is None:
        conn = LOCAL.conn = http.client.HTTPConnection(SETTINGS["host"], SETTINGS["port"], timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request("GET", path(i))
        response = conn.getresponse()
        body = response.read()
    except Exception as e:  # noqa: BLE001 - any failure of the request is the task's error
        conn.close()
        LOCAL.conn = None
        return outcome(i, started, error="%s: %s" % (type(e).__name__, e))
    return checked(i, started, response.status, body)


def checked(i, started, status, body):
    if status != 200:
        return outcome(i, started, error="HTTP %d from %s" % (status, path(i)))
    if body != SETTINGS["expected_bytes"]:
        return outcome(i, started, error="unexpected body (%d bytes) from %s" % (len(body), path(i)))
    return outcome(i, started)


def sha256_chain(i):
    """The Java Sha256ChainTask: digest = SHA-256(digest || input), `rounds` times, from 32 zero bytes."""
    started = time.perf_counter_ns()
    data = SETTINGS["inputs_bytes"][i % len(SETTINGS["inputs_bytes"])]
    digest = bytes(32)
    for _ in range(SETTINGS["rounds"]):
        sha = hashlib.sha256(digest)
        sha.update(data)
        digest = sha.digest()
    return outcome(i, started, digest=int.from_bytes(digest[:8], "big", signed=True))


TASKS = {"io": fetch, "sha256": sha256_chain}


def run_task(i):
    """Task i of the configured workload; whatever it raises is the task's error, not the batch's."""
    started = time.perf_counter_ns()
    try:
        return TASKS[SETTINGS["workload"]](i)
    except Exception as e:  # noqa: BLE001
        return outcome(i, started, error="%s: %s" % (type(e).__name__, e))


class AsyncioClient:
    """The post's asyncio recipe: gather every request, a semaphore keeps `concurrency` in flight;
    HTTP/1.1 over asyncio streams, connections kept alive between requests and batches."""

    def __init__(self, concurrency):
        self.loop = asyncio.new_event_loop()
        self.concurrency = concurrency
        self.idle = []

    def run(self, n):
        return self.loop.run_until_complete(self.batch(n))

    async def batch(self, n):
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(i):
            async with semaphore:
                return await self.fetch(i)
        return await asyncio.gather(*(one(i) for i in range(n)))

    async def fetch(self, i):
        started = time.perf_counter_ns()
        try:
            reader, writer = self.idle.pop() if self.idle else await asyncio.open_connection(SETTINGS["host"], SETTINGS["port"])
        except Exception as e:  # noqa: BLE001
            return outcome(i, started, error="%s: %s" % (type(e).__name__, e))
        try:
            status, body, keep = await asyncio.wait_for(self.exchange(reader, writer, path(i)), REQUEST_TIMEOUT_S)
        except Exception as e:  # noqa: BLE001
            writer.close()
            return outcome(i, started, error="%s: %s" % (type(e).__name__, e))
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return checked(i, started, status, body)

    @staticmethod
    async def exchange(reader, writer, target):
        writer.write(("GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (target, SETTINGS["host"], SETTINGS["port"])).encode("ascii"))
        await writer.drain()
        status = int((await reader.readline()).split()[1])
        headers = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await reader.readline()).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await reader.readexactly(int(headers.get("content-length", "0")))
        return status, body, headers.get("connection", "").lower() != "close"

    def close(self):
        for _, writer in self.idle:
            writer.close()
        self.loop.close()


def pid_of_worker(_):
    time.sleep(0.2)  # held long enough that each submission lands on a worker of its own
    return os.getpid()


class Recipe:
    """One model running one kind of task, for the life of this program."""

    def __init__(self, settings):
        configure(settings)
        self.model = settings["model"]
        self.task = run_task
        if settings["workload"] not in TASKS:
            raise ValueError("no workload named %r" % settings["workload"])
        self.pool = None
        if self.model == "threads":
            self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=settings["concurrency"])
        elif self.model == "process":
            workers = settings["workers"]
            self.pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=workers, initializer=configure_worker, initargs=(settings, os.getpid()))
            # start every worker now, not on demand in the first measured batch
            while len(set(self.pool.map(pid_of_worker, range(workers)))) < workers:
                pass
        elif self.model == "asyncio":
            if settings["workload"] != "io":
                raise ValueError("asyncio runs I/O tasks only")
            self.pool = AsyncioClient(settings["concurrency"])
        elif self.model != "serial":
            raise ValueError("no model named %r" % self.model)

    def run(self, n):
        if self.model == "serial":
            return [self.task(i) for i in range(n)]
        if self.model == "asyncio":
            return self.pool.run(n)
        return list(self.pool.map(self.task, range(n)))

    def close(self):
        if self.pool is not None:
            if isinstance(self.pool, AsyncioClient):
                self.pool.close()
            else:
                self.pool.shutdown()


def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main():
    exit_with(os.getppid())
    recipe = Recipe(json.loads(sys.stdin.readline()))
    reply({"ready": True, "python": "%d.%d.%d" % sys.version_info[:3], "pid": os.getpid()})
    for line in sys.stdin:
        n = json.loads(line)["run"]
        outcomes = recipe.run(n)
        errors = [error for _, _, error, _ in outcomes if error is not None]
        answer = {"attempted": n, "errors": len(errors), "first_error": errors[0] if errors else None,
                  "latency_ns": sum(nanos for _, _, _, nanos in outcomes)}
        if SETTINGS["workload"] != "io":  # a CPU task's digests, for the Java side to check
            answer["digests"] = [digest for _, digest, _, _ in outcomes]
        reply(answer)
    recipe.close()


if __name__ == "__main__":
    main()
