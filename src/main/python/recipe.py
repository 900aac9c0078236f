"""The blog post's recipe in its own language: the same tasks as tenfold's Java rows, run the way
the post says to run them in Python (asyncio or threads for I/O, a process pool for CPU work).

Standard library only, Python >= 3.8. tenfold's PythonRecipeModel starts this program, which
reads one JSON line of settings from stdin, answers {"ready": ...} once its pool is up, then
runs one batch per {"run": n, "seq": k} line: tasks 0 .. n-1, every result checked, answered with
one JSON line of counts that echoes k. It exits at the end of stdin, and so do its pool processes
when it dies.

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
import multiprocessing
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


def configure_worker(settings, recipe):
    configure(settings)
    exit_with(recipe)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def exit_with(owner):
    """Ends this process as soon as `owner` is gone: a pool must not outlive a killed recipe, nor the
    recipe a killed JVM. Its parent is the owner, or (start method forkserver) a server the owner
    started, which a dead owner leaves behind reparented: so both are watched."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent and alive(owner):
            time.sleep(0.5)
        os._exit(3)
    threading.Thread(target=watch, daemon=True).start()


def path(i):
    return "/io/item/%d?latencyMs=%d" % (i, SETTINGS["latency_ms"])


def outcome(i, started, digest=None, error=None):
    """What one task did: (index, digest (CPU tasks) or None, error text or None, nanoseconds it took)."""
    return i, digest, error, time.perf_counter_ns() - started


# A kept-alive connection the server has closed fails at once with one of these; like the JDK's
# HttpClient, the request is then sent once more on a new connection.
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def fetch(i):
    """One request on this thread's keep-alive connection (serial, threads and process models)."""
    started = time.perf_counter_ns()
    for attempt in (1, 2):
        conn = getattr(LOCAL, "conn", None)
        reused = conn is not None
        if conn is None:
            conn = LOCAL.conn = http.client.HTTPConnection(SETTINGS["host"], SETTINGS["port"],
                                                           timeout=REQUEST_TIMEOUT_S)
        try:
            conn.request("GET", path(i))
            response = conn.getresponse()
            body = response.read()
        except Exception as e:  # noqa: BLE001 - any failure of the request is the task's error
            conn.close()
            LOCAL.conn = None
            if reused and attempt == 1 and isinstance(e, STALE):
                continue
            return outcome(i, started, error="%s: %s" % (type(e).__name__, e))
        if response.will_close:
            conn.close()
            LOCAL.conn = None
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


class StaleConnection(Exception):
    """A kept-alive connection the server closed before it answered."""


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
            status, body = await asyncio.wait_for(self.request(path(i)), REQUEST_TIMEOUT_S)
        except Exception as e:  # noqa: BLE001 - any failure of the request is the task's error
            return outcome(i, started, error="%s: %s" % (type(e).__name__, e))
        return checked(i, started, status, body)

    async def request(self, target):
        """GET on an idle connection, or a new one; once more on a new one if a reused one was stale."""
        for attempt in (1, 2):
            reused = attempt == 1 and bool(self.idle)  # the retry takes a new one: other idle ones may be stale too
            if reused:
                reader, writer = self.idle.pop()
            else:
                reader, writer = await asyncio.open_connection(SETTINGS["host"], SETTINGS["port"])
            try:
                status, body, keep = await self.exchange(reader, writer, target)
            except (ConnectionError, asyncio.IncompleteReadError, StaleConnection):
                writer.close()
                if reused and attempt == 1:
                    continue
                raise
            except BaseException:
                writer.close()
                raise
            if keep:
                self.idle.append((reader, writer))
            else:
                writer.close()
            return status, body

    @staticmethod
    async def exchange(reader, writer, target):
        request = "GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (target, SETTINGS["host"], SETTINGS["port"])
        writer.write(request.encode("ascii"))
        await writer.drain()
        status_line = (await reader.readline()).split()
        if len(status_line) < 2:
            raise StaleConnection("the server closed the connection")
        version, status = status_line[0], int(status_line[1])
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
                if size == 0:
                    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass  # trailers, up to the empty line that ends the body
                    break
                body += (await reader.readexactly(size + 2))[:-2]
        elif "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        else:
            return status, await reader.read(), False  # the body ends with the connection
        close = headers.get("connection", "").lower()
        return status, body, close != "close" and (version != b"HTTP/1.0" or close == "keep-alive")

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
        self.broken = False  # a pool that lost a process: the recipe ends after its answer, the driver starts a new one
        if self.model == "threads":
            self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=settings["concurrency"])
        elif self.model == "process":
            self.workers = settings["workers"]
            self.pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, initializer=configure_worker, initargs=(settings, os.getpid()))
            # start every worker now, not on demand in the first measured batch
            while len(set(self.pool.map(pid_of_worker, range(self.workers)))) < self.workers:
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
        if self.model == "process":
            return self.fed(n)
        return list(self.pool.map(self.task, range(n)))

    def fed(self, n):
        """Tasks to the pool's W processes from W threads, one each at a time, each task timed from
        here: its trip through the pool's pipes counts, as it does for Java's worker JVMs."""
        indices = iter(range(n))
        lock = threading.Lock()
        outcomes = [None] * n

        def feed():
            while True:
                with lock:
                    i = next(indices, None)
                if i is None:
                    return
                started = time.perf_counter_ns()
                try:
                    _, digest, error, _ = self.pool.submit(self.task, i).result()
                except Exception as e:  # noqa: BLE001 - a broken pool: this task's error
                    digest, error = None, "%s: %s" % (type(e).__name__, e)
                    self.broken = isinstance(e, concurrent.futures.process.BrokenProcessPool)
                outcomes[i] = outcome(i, started, digest, error)

        feeders = [threading.Thread(target=feed) for _ in range(self.workers)]
        for t in feeders:
            t.start()
        for t in feeders:
            t.join()
        return outcomes

    def close(self):
        if self.pool is not None:
            if isinstance(self.pool, AsyncioClient):
                self.pool.close()
            else:
                self.pool.shutdown()


def main():
    # The answers get stdout to themselves: whatever else prints (a library, a pool process) goes to stderr.
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)

    def reply(message):
        answers.write(json.dumps(message) + "\n")
        answers.flush()

    exit_with(os.getppid())
    recipe = Recipe(json.loads(sys.stdin.readline()))
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    reply({"ready": True, "python": "%d.%d.%d" % sys.version_info[:3], "pid": os.getpid(), "gil": gil,
           "start_method": multiprocessing.get_start_method()})
    for line in sys.stdin:
        command = json.loads(line)
        n = command["run"]
        outcomes = recipe.run(n)
        errors = [error for _, _, error, _ in outcomes if error is not None]
        answer = {"seq": command["seq"], "attempted": n, "errors": len(errors),
                  "first_error": errors[0] if errors else None,
                  "latencies_ns": [nanos for _, _, _, nanos in outcomes]}  # in task order, each from its start
        if SETTINGS["workload"] != "io":  # a CPU task's digests, for the Java side to check
            answer["digests"] = [digest for _, digest, _, _ in outcomes]
        answer["ending"] = recipe.broken  # the driver then waits for this process and starts a new one
        reply(answer)
        if recipe.broken:
            os._exit(4)
    recipe.close()


if __name__ == "__main__":
    main()
