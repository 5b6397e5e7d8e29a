"""credmark_client against a running credmark service."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

from conftest import CLIENTS, TESTDATA, unused_url
from credmark_client import Client, CredmarkError


def test_stamps_a_png_that_c2pa_rs_trusts_and_the_service_verifies(service, reference_verifier, provenance,
                                                                   tmp_path):
    client = Client(service.url, service.stamp_key)
    stamped = client.stamp(TESTDATA / "images" / "rgb8.png", provenance, {"marker": True})

    assert stamped.media_type == "image/png"
    assert stamped.image_bytes.startswith(b"\x89PNG\r\n\x1a\n")
    assert stamped.credential_url.endswith(f"/c/{stamped.credential_id}")
    assert stamped.mark is not None and "box" in stamped.mark
    out = tmp_path / "stamped.png"
    out.write_bytes(stamped.image_bytes)
    [verdict] = reference_verifier(out)
    assert verdict["validationState"] == "Trusted", verdict

    report = client.verify(out)
    assert report["status"] == "trusted"
    assert report["credential"]["id"] == stamped.credential_id
    assert report["summary"]["provenance"]["generation"]["seed"] == provenance["generation"]["seed"]
    assert client.credential(stamped.credential_id)["provenance"]["model"]["name"] == "Inkwash XL"


def test_stamps_a_jpeg_given_as_a_file_object(service, reference_verifier, provenance, tmp_path):
    client = Client(service.url, service.stamp_key)
    with open(TESTDATA / "images" / "baseline-420.jpg", "rb") as f:
        stamped = client.stamp(f, provenance)

    assert stamped.media_type == "image/jpeg"
    assert stamped.watermark is not None
    out = tmp_path / "stamped.jpg"
    out.write_bytes(stamped.image_bytes)
    [verdict] = reference_verifier(out)
    assert verdict["validationState"] == "Trusted", verdict
    assert Client(service.url).verify(stamped.image_bytes)["status"] == "trusted"


def test_an_unknown_key_is_a_401_problem(service, provenance):
    client = Client(service.url, "cmk_" + "0" * 43)
    with pytest.raises(CredmarkError) as caught:
        client.stamp(TESTDATA / "images" / "rgb8.png", provenance)

    assert caught.value.status == 401
    assert caught.value.type.endswith("/problems/unauthorized")
    assert caught.value.problem["status"] == 401


def test_invalid_provenance_is_a_422_naming_the_json_path(service, provenance):
    provenance["generation"]["seed"] = "abc"
    client = Client(service.url, service.stamp_key)
    with pytest.raises(CredmarkError) as caught:
        client.stamp(TESTDATA / "images" / "rgb8.png", provenance)

    assert caught.value.status == 422
    assert caught.value.type.endswith("/problems/invalid-document")
    assert [(e["part"], e["path"]) for e in caught.value.errors] == [("provenance", "generation.seed")]
    assert "generation.seed" in str(caught.value)


def test_an_unreachable_service_is_an_error_without_status():
    with pytest.raises(CredmarkError) as caught:
        Client(unused_url(), "cmk_x", timeout=5).verify(TESTDATA / "images" / "rgb8.png")
    assert caught.value.status is None


class _Busy(http.server.BaseHTTPRequestHandler):
    """Answers each request with the next of ``answers``: (status, Retry-After or None)."""

    answers: list[tuple[int, str | None]] = []
    seen = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers["Content-Length"]))
        status, retry_after = type(self).answers[min(type(self).seen, len(type(self).answers) - 1)]
        type(self).seen += 1
        body = json.dumps({"status": "trusted"} if status == 200 else
                          {"type": "about:blank", "title": "busy", "status": status}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status == 200 else "application/problem+json")
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def busy_server():
    # The real service answers 429/503 only under real overload (its upload queue full for 30 s), which no test
    # can bring about quickly and deterministically; this small local server plays only that part of it.
    server = http.server.HTTPServer(("127.0.0.1", 0), _Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Busy.seen = 0
    yield server
    server.shutdown()
    server.server_close()


def test_429_and_503_are_retried_after_retry_after(busy_server):
    _Busy.answers = [(503, "2"), (429, None), (503, "999"), (200, None)]
    waits: list[float] = []
    client = Client(f"http://127.0.0.1:{busy_server.server_port}", max_retries=3, max_retry_wait=30,
                    sleep=waits.append)

    assert client.verify(TESTDATA / "images" / "rgb8.png") == {"status": "trusted"}
    # Retry-After as given; without it 2^attempt; never more than max_retry_wait
    assert waits == [2.0, 2.0, 30.0]
    assert _Busy.seen == 4


def test_retries_are_bounded(busy_server):
    _Busy.answers = [(503, "0")]
    waits: list[float] = []
    client = Client(f"http://127.0.0.1:{busy_server.server_port}", max_retries=2, sleep=waits.append)

    with pytest.raises(CredmarkError) as caught:
        client.verify(TESTDATA / "images" / "rgb8.png")
    assert caught.value.status == 503
    assert _Busy.seen == 3 and waits == [0.0, 0.0]


def test_the_command_line_stamps_and_verifies(service, reference_verifier, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(CLIENTS / "python"), "CREDMARK_URL": service.url,
           "CREDMARK_API_KEY": service.stamp_key}
    out = tmp_path / "out.jpg"
    stamp = subprocess.run([sys.executable, "-m", "credmark_client", "stamp",
                            str(TESTDATA / "images" / "exif-a1111-usercomment.jpg"), "--out", str(out),
                            "--provenance", str(TESTDATA / "provenance" / "example.json")],
                           env=env, capture_output=True, text=True, timeout=120)
    assert stamp.returncode == 0, stamp.stderr
    summary = json.loads(stamp.stdout)
    assert summary["mediaType"] == "image/jpeg" and summary["output"] == str(out)
    assert service.stamp_key not in stamp.stdout + stamp.stderr
    [verdict] = reference_verifier(out)
    assert verdict["validationState"] == "Trusted", verdict

    verify = subprocess.run([sys.executable, "-m", "credmark_client", "verify", str(out)],
                            env={**env, "CREDMARK_API_KEY": ""}, capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0, verify.stderr
    assert json.loads(verify.stdout)["credential"]["id"] == summary["credential"]

    unsigned = subprocess.run([sys.executable, "-m", "credmark_client", "verify",
                               str(TESTDATA / "images" / "rgb8.png")], env=env, capture_output=True, text=True,
                              timeout=120)
    assert unsigned.returncode == 2 and json.loads(unsigned.stdout)["status"] == "none"


def test_the_command_line_refuses_to_stamp_without_a_key(service, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(CLIENTS / "python"), "CREDMARK_URL": service.url}
    env.pop("CREDMARK_API_KEY", None)
    out = tmp_path / "out.png"
    done = subprocess.run([sys.executable, "-m", "credmark_client", "stamp", str(TESTDATA / "images" / "rgb8.png"),
                           "--out", str(out), "--provenance", str(TESTDATA / "provenance" / "example.json")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "CREDMARK_API_KEY" in done.stderr
    assert not out.exists()


def test_reprs_keep_the_key_out():
    assert "cmk_secret" not in repr(Client("http://localhost:8080", "cmk_secret"))



def test_the_package_installs_with_pip_and_runs_from_the_install(tmp_path):
    # offline, against the interpreter's own setuptools and wheel (Debian's python3-setuptools, python3-wheel)
    source = tmp_path / "src"
    shutil.copytree(CLIENTS / "python", source)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-index", "--no-build-isolation",
                              str(source)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    shutil.rmtree(source)

    done = subprocess.run([str(venv / "bin" / "credmark-client"), "--url", "http://127.0.0.1:9", "verify",
                           str(TESTDATA / "images" / "rgb8.png")], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path, env={"PATH": os.environ.get("PATH", "")})
    assert done.returncode == 2 and "did not answer" in done.stderr


def test_stamps_naming_a_registered_model(service, registered_model, tmp_path):
    client = Client(service.url, service.stamp_key)
    stamped = client.stamp(TESTDATA / "images" / "rgb8.png", {"generation": {"seed": 7, "steps": 12}},
                           registered_model=registered_model)

    provenance = client.verify(stamped.image_bytes)["summary"]["provenance"]
    assert (provenance["creator"]["handle"], provenance["model"]["name"]) == ("mirelle.ink", "Inkwash XL")
    assert provenance["generation"] == {"seed": 7, "steps": 12}
