"""Fixtures shared by the client tests: a real credmark service and the reference C2PA verifier.

The service is the jar the Maven build makes (``mvn -DskipTests package``, or ``$CREDMARK_JAR``), started with
``serve --port 0`` on an empty data directory; the verifier is c2pa-rs in ``interop/`` (``npm ci`` there).
"""

from __future__ import annotations

import json
import os
import pathlib
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLIENTS = REPO / "clients"
TESTDATA = REPO / "testdata"

sys.path.insert(0, str(CLIENTS / "python"))
sys.path.insert(0, str(CLIENTS / "a1111"))

STARTUP_SECONDS = 90


@dataclass(frozen=True)
class Service:
    url: str
    admin_key: str
    stamp_key: str
    data_dir: Path
    root_pem: Path
    output: list[str]
    """Every line the service printed, to check that no secret was logged."""


def _jar() -> Path:
    jar = Path(os.environ.get("CREDMARK_JAR", REPO / "target" / "credmark.jar"))
    if not jar.is_file():
        pytest.fail(f"{jar} is missing: build it first with `mvn -B -DskipTests package`")
    return jar


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else "java"


def unused_url() -> str:
    """An address on this machine where nothing listens: a service that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    jar = _jar()
    data = tmp_path_factory.mktemp("credmark-data")
    process = subprocess.Popen([_java(), "-jar", str(jar), "serve", "--port", "0", "--host", "127.0.0.1",
                                "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[str, str]] = queue.Queue()
    output: list[str] = []

    def pump(stream, name: str) -> None:
        for line in stream:
            output.append(line)
            lines.put((name, line.rstrip("\n")))

    for stream, name in ((process.stdout, "out"), (process.stderr, "err")):
        threading.Thread(target=pump, args=(stream, name), daemon=True).start()
    admin_key = url = None
    try:
        while admin_key is None or url is None:
            try:
                name, line = lines.get(timeout=STARTUP_SECONDS)
            except queue.Empty:
                pytest.fail("credmark did not start within %d s:\n%s" % (STARTUP_SECONDS, "".join(output)))
            if name == "out" and line.startswith("cmk_"):
                admin_key = line.strip()
            # not a terminal: the service writes the admin key once to an owner-only file in the data directory
            written = re.search(r"written once to (\S+admin-key\.txt)", line)
            if written:
                admin_key = pathlib.Path(written.group(1)).read_text().strip()
            m = re.search(r"serving on (http://[^\s]+)", line)
            if m:
                url = m.group(1)
            if process.poll() is not None and lines.empty():
                pytest.fail("credmark exited:\n" + "".join(output))
        request = urllib.request.Request(url + "/v1/api-keys", method="POST",
                                         data=json.dumps({"name": "front-end", "role": "stamp"}).encode(),
                                         headers={"Authorization": f"Bearer {admin_key}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            stamp_key = json.loads(response.read())["key"]
        root = data / "root.pem"
        root.write_bytes(subprocess.run([_java(), "-jar", str(jar), "keys", "root", "--data", str(data)],
                                        check=True, capture_output=True, timeout=60).stdout)
        yield Service(url, admin_key, stamp_key, data, root, output)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def reference_verifier(service: Service):
    """Runs c2pa-rs over files, with credmark's root as the trust anchor; returns one verdict per file."""
    node = shutil.which("node")
    script = REPO / "interop" / "verify.mjs"
    if node is None or not (REPO / "interop" / "node_modules").is_dir():
        pytest.fail("the reference verifier is not installed: run `npm ci` in interop/")

    def verify(*files: Path) -> list[dict]:
        done = subprocess.run([node, str(script), "--trust-anchors", str(service.root_pem),
                               *map(str, files)], check=True, capture_output=True, text=True, timeout=300)
        return json.loads(done.stdout)

    return verify


@pytest.fixture
def provenance() -> dict:
    return json.loads((TESTDATA / "provenance" / "example.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def registered_model(service: Service) -> str:
    """``mirelle.ink:inkwash-xl``, registered on the service by its creator."""

    def post(path: str, body: dict, key: str) -> dict:
        request = urllib.request.Request(service.url + path, method="POST", data=json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {key}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    token = post("/v1/creators", {"handle": "mirelle.ink"}, service.admin_key)["token"]
    model = post("/v1/creators/mirelle.ink/models", {"slug": "inkwash-xl", "model": {"name": "Inkwash XL",
                                                                                     "version": "2.1"}}, token)
    return model.get("id", "mirelle.ink:inkwash-xl")
