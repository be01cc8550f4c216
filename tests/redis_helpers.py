"""A throwaway redis-server on loopback for tests that need a real Redis, or one to stop."""

import contextlib
import os
import shutil
import socket
import subprocess
import time

import pytest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_redis_server():
    """The redis-server binary; skipped without it, except on CI where it must run."""
    binary = shutil.which("redis-server")
    if not binary:
        reason = "redis-server not installed: apt-get install redis-server"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason} (CI=true: this test must run)", pytrace=False)
        pytest.skip(reason)
    return binary


class RedisServer:
    """``start()``/``stop()`` a redis-server of our own (no persistence, 127.0.0.1 only)."""

    def __init__(self, directory):
        self.binary = require_redis_server()
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        import redis

        self.process = subprocess.Popen(
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if redis.Redis.from_url(self.url).ping():
                    return self
            time.sleep(0.1)
        raise AssertionError("redis-server did not start within 20 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@contextlib.contextmanager
def redis_url(directory):
    """``MOIT_TEST_REDIS_URL`` (set by .ci/redis.sh) or a server started for the test."""
    external = os.environ.get("MOIT_TEST_REDIS_URL") or os.environ.get("REDIS_URL")
    if external:
        yield external
        return
    server = RedisServer(directory).start()
    try:
        yield server.url
    finally:
        server.stop()
