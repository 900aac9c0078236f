"""Unit tests of src/main/python/recipe.py against a local http.server on 127.0.0.1 (standard library
only). RecipeScriptTest runs them under `./run-benchmarks.sh test`; by hand:
    python3 -m unittest discover -s src/test/python -v
"""
import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import unittest
import urllib.parse

RECIPE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python")
sys.path.insert(0, RECIPE_DIR)
import recipe  # noqa: E402

BODY = b'{"id":"item","payload":"tenfold"}'


class ItemHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET /io/item/{i} the way the server's `mode` says."""
    protocol_version = "HTTP/1.1"
    mode = "length"
    requests = 0
    connections = set()

    def do_GET(self):
        cls = type(self)
        cls.requests += 1
        cls.connections.add(self.client_address)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        assert query["latencyMs"] == ["0"], self.path
        mode = cls.mode
        if mode == "status":
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"wrong" if mode == "wrong-body" else BODY
        self.send_response(200)
        if mode == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (body[:5], body[5:]):
                self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")
        elif mode == "no-length":
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            # "stale": the connection looks kept alive, but the server drops it after each answer
            self.close_connection = mode == "stale"

    def log_message(self, *args):
        pass


class Server:
    def __enter__(self):
        ItemHandler.requests = 0
        ItemHandler.connections = set()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ItemHandler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def io_settings(url, model="serial", concurrency=2):
    return {"model": model, "workload": "io", "url": url, "latency_ms": 0, "concurrency": concurrency,
            "workers": 1, "expected": BODY.decode("utf-8")}


class FetchTest(unittest.TestCase):
    """The threads' client (http.client) and the asyncio one read every body form and check it."""

    def run_both(self, mode, n=4):
        results = {}
        with Server() as url:
            ItemHandler.mode = mode
            for model in ("serial", "asyncio"):
                r = recipe.Recipe(io_settings(url, model))
                try:
                    results[model] = r.run(n)
                finally:
                    r.close()
                    recipe.LOCAL.conn = None
        return results

    def assert_all_ok(self, results):
        for model, outcomes in results.items():
            self.assertEqual([None] * len(outcomes), [error for _, _, error, _ in outcomes], model)
            self.assertTrue(all(nanos > 0 for _, _, _, nanos in outcomes), model)

    def test_a_body_with_a_length_is_checked(self):
        self.assert_all_ok(self.run_both("length"))

    def test_a_chunked_body_with_extensions_and_trailers_is_read_whole(self):
        self.assert_all_ok(self.run_both("chunked"))

    def test_a_body_without_length_ends_with_the_connection(self):
        self.assert_all_ok(self.run_both("no-length"))

    def test_a_kept_alive_connection_the_server_dropped_is_retried_once_on_a_new_one(self):
        results = self.run_both("stale", n=3)
        self.assert_all_ok(results)

    def test_a_wrong_status_or_body_is_the_task_s_error(self):
        for mode, text in (("status", "HTTP 503"), ("wrong-body", "unexpected body (5 bytes)")):
            for model, outcomes in self.run_both(mode, n=2).items():
                errors = [error for _, _, error, _ in outcomes]
                self.assertTrue(all(error is not None and text in error for error in errors), (model, mode, errors))

    def test_an_unreachable_server_is_each_task_s_error_not_the_batch_s(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = "http://127.0.0.1:%d" % s.getsockname()[1]
        for model in ("serial", "asyncio"):
            r = recipe.Recipe(io_settings(closed, model))
            try:
                errors = [error for _, _, error, _ in r.run(2)]
            finally:
                r.close()
                recipe.LOCAL.conn = None
            self.assertTrue(all("Connection" in error or "refused" in error for error in errors), (model, errors))


class Sha256Test(unittest.TestCase):
    def test_the_chain_is_java_s_sha256_chain_task(self):
        inputs = [b"a" * 64, b"b" * 64]
        recipe.configure({"workload": "sha256", "rounds": 3,
                          "inputs": [__import__("base64").b64encode(x).decode() for x in inputs]})
        digest = bytes(32)
        for _ in range(3):
            digest = hashlib.sha256(digest + inputs[1]).digest()
        _, value, error, _ = recipe.sha256_chain(3)  # input 3 % 2 = 1
        self.assertIsNone(error)
        self.assertEqual(int.from_bytes(digest[:8], "big", signed=True), value)


class SettingsTest(unittest.TestCase):
    def test_bad_settings_are_refused_with_what_was_wrong(self):
        for settings, text in (({"model": "fibers", "workload": "io"}, "no model named 'fibers'"),
                               ({"model": "serial", "workload": "bitcoin"}, "no workload named 'bitcoin'"),
                               ({"model": "asyncio", "workload": "sha256", "concurrency": 2},
                                "asyncio runs I/O tasks only")):
            with self.assertRaises(ValueError) as caught:
                recipe.Recipe(settings)
            self.assertIn(text, str(caught.exception))


class ProtocolTest(unittest.TestCase):
    """The program as PythonRecipeModel drives it: settings, ready, one answer per batch, exit at end of stdin."""

    def test_one_answer_per_batch_echoing_its_sequence_then_exit_at_end_of_input(self):
        with Server() as url:
            ItemHandler.mode = "length"
            commands = (io_settings(url, "threads"), {"run": 3, "seq": 7}, {"run": 2, "seq": 8})
            process = subprocess.run([sys.executable, os.path.join(RECIPE_DIR, "recipe.py")],
                                     input="".join(json.dumps(x) + "\n" for x in commands),
                                     capture_output=True, text=True, timeout=60)
        self.assertEqual(0, process.returncode, process.stderr)
        lines = [json.loads(line) for line in process.stdout.splitlines()]
        self.assertTrue(lines[0]["ready"])
        self.assertEqual([(7, 3, 0), (8, 2, 0)], [(a["seq"], a["attempted"], a["errors"]) for a in lines[1:]])
        self.assertEqual([3, 2], [len(a["latencies_ns"]) for a in lines[1:]])
        self.assertEqual(5, ItemHandler.requests)


if __name__ == "__main__":
    unittest.main()
