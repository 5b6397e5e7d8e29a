"""The HTTP client: stamp, verify and look up credentials on a credmark service (docs/service.md)."""

from __future__ import annotations

import base64
import email.utils
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Union

from . import __version__

ImageInput = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", BinaryIO]
"""An image: its bytes, a path to it, or a binary file object open for reading."""

JsonInput = Union[Mapping[str, Any], str, bytes]
"""A JSON document: a mapping, or its text already serialised."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"

# Statuses the service sends when it is busy (docs/service.md, "Errors"): worth another try after Retry-After.
RETRYABLE_STATUSES = frozenset({429, 503})


class CredmarkError(Exception):
    """An answer other than success, carrying the service's problem+json (RFC 9457), or a transport failure.

    For a transport failure (the service cannot be reached, or did not answer in time) ``status`` is None.
    """

    def __init__(self, message: str, *, status: int | None = None, problem: Mapping[str, Any] | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.problem: dict[str, Any] = dict(problem or {})
        self.retry_after = retry_after

    @property
    def type(self) -> str | None:
        return self.problem.get("type")

    @property
    def title(self) -> str | None:
        return self.problem.get("title")

    @property
    def detail(self) -> str | None:
        return self.problem.get("detail")

    @property
    def errors(self) -> list[dict[str, Any]]:
        """For an invalid document: ``[{part, path, message}]``, the JSON path of each problem."""
        return list(self.problem.get("errors") or [])


@dataclass(frozen=True)
class Stamped:
    """A stamped image and the credential the service recorded for it."""

    image_bytes: bytes
    media_type: str
    credential_id: str
    credential_url: str
    manifest: str | None = None
    sha256: str | None = None
    mark: dict[str, Any] | None = None
    """Where the visible mark was drawn, when one was asked for."""
    watermark: dict[str, Any] | None = None
    """Whether the invisible watermark was embedded, or why not."""
    imported: dict[str, Any] | None = field(default=None)
    """Generation parameters the service read from the file's own metadata, when it reports them."""


class Client:
    """A credmark service at ``url``, used with one API key (role ``stamp``).

    429 and 503 answers are retried up to ``max_retries`` times, each after the answer's ``Retry-After`` (at most
    ``max_retry_wait`` seconds; without the header after 1, 2, 4… seconds). Nothing else is retried: a stamp that
    failed for any other reason must not be recorded twice.
    """

    def __init__(self, url: str, api_key: str | None = None, *, timeout: float = 60.0, max_retries: int = 3,
                 max_retry_wait: float = 30.0, sleep: Callable[[float], None] = time.sleep) -> None:
        if not url:
            raise ValueError("the service URL is empty")
        self.url = url.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self._sleep = sleep

    def __repr__(self) -> str:
        # the key stays out of reprs, and so out of tracebacks and logs
        return f"Client({self.url!r}, api_key={'***' if self._api_key else None}, timeout={self.timeout})"

    def stamp(self, image: ImageInput, provenance: JsonInput | None = None, options: JsonInput | None = None,
              registered_model: str | None = None) -> Stamped:
        """Stamps ``image`` (PNG or JPEG) with a signed manifest and records its credential.

        ``provenance`` is the provenance document (README, "The provenance document"). With ``registered_model``
        (``HANDLE:SLUG``) the model's registry record is used instead, and ``provenance`` may give the
        ``generation`` section only. ``options`` are the stamp options (``marker``, ``watermark``, ``disclosure``).
        """
        if not self._api_key:
            raise ValueError("stamping needs an API key")
        data, filename = read_image(image)
        if registered_model is not None:
            generation = _as_mapping(provenance).get("generation") if provenance is not None else None
            document: JsonInput | None = {"registeredModel": registered_model,
                                          **({"generation": generation} if generation else {})}
        else:
            document = provenance
        form = _Multipart()
        form.add("image", data, content_type=sniff_media_type(data) or "application/octet-stream",
                 filename=filename)
        if document is not None:
            form.add("provenance", _json_bytes(document), content_type="application/json")
        if options is not None:
            form.add("options", _json_bytes(options), content_type="application/json")
        answer = self._request("POST", "/v1/stamp", form.body(), {
            "Content-Type": form.content_type, "Accept": "application/json",
            "Authorization": f"Bearer {self._api_key}"})
        return Stamped(image_bytes=base64.b64decode(answer["image"]), media_type=answer["mediaType"],
                       credential_id=answer["id"], credential_url=answer["url"], manifest=answer.get("manifest"),
                       sha256=answer.get("sha256"), mark=answer.get("mark"), watermark=answer.get("watermark"),
                       imported=answer.get("imported"))

    def verify(self, image: ImageInput) -> dict[str, Any]:
        """The verification report of any PNG or JPEG (``status``: trusted, valid, invalid, none, recovered)."""
        data, _ = read_image(image)
        return self._request("POST", "/v1/verify", data, {
            "Content-Type": sniff_media_type(data) or "application/octet-stream", "Accept": "application/json"})

    def credential(self, credential_id: str) -> dict[str, Any]:
        """The public view of a credential."""
        return self._request("GET", "/v1/credentials/" + urllib.parse.quote(credential_id, safe=""), None,
                             {"Accept": "application/json"})

    def _request(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> dict[str, Any]:
        headers = {"User-Agent": f"credmark-client/{__version__}", **headers}
        attempt = 0
        while True:
            try:
                return self._once(method, path, body, headers)
            except CredmarkError as e:
                if e.status not in RETRYABLE_STATUSES or attempt >= self.max_retries:
                    raise
                wait = e.retry_after if e.retry_after is not None else float(2 ** attempt)
                self._sleep(min(max(wait, 0.0), self.max_retry_wait))
                attempt += 1

    def _once(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> dict[str, Any]:
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = response.read()
                try:
                    return json.loads(answer)
                except ValueError:
                    raise CredmarkError(f"{self.url}{path} answered {response.status} without JSON: is "
                                        f"{self.url} a credmark service?", status=response.status) from None
        except urllib.error.HTTPError as e:
            with e:
                raise _problem(e.code, e.headers.get("Content-Type", ""), e.read(),
                               _retry_after(e.headers.get("Retry-After"))) from None
        except (urllib.error.URLError, OSError) as e:
            reason = e.reason if isinstance(e, urllib.error.URLError) else e
            raise CredmarkError(f"credmark at {self.url} did not answer: {reason}") from None


def read_image(image: ImageInput) -> tuple[bytes, str]:
    """The bytes of ``image`` and a file name for it (the path's last segment, or one made from its type)."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        data = bytes(image)
        name = None
    elif isinstance(image, (str, os.PathLike)):
        with open(image, "rb") as f:
            data = f.read()
        name = os.path.basename(os.fspath(image))
    elif hasattr(image, "read"):
        data = image.read()
        if not isinstance(data, bytes):
            raise TypeError("the image file object must be opened in binary mode")
        raw_name = getattr(image, "name", None)
        name = os.path.basename(raw_name) if isinstance(raw_name, str) else None
    else:
        raise TypeError(f"an image is bytes, a path or a binary file object, not {type(image).__name__}")
    if not name:
        name = {"image/png": "image.png", "image/jpeg": "image.jpg"}.get(sniff_media_type(data) or "", "image")
    return data, name


def sniff_media_type(data: bytes) -> str | None:
    """``image/png`` or ``image/jpeg`` by content (as the service judges it), else None."""
    if data.startswith(PNG_SIGNATURE):
        return "image/png"
    if data.startswith(JPEG_SIGNATURE):
        return "image/jpeg"
    return None


def _as_mapping(document: JsonInput) -> Mapping[str, Any]:
    if isinstance(document, Mapping):
        return document
    parsed = json.loads(document)
    if not isinstance(parsed, dict):
        raise ValueError("the provenance document must be a JSON object")
    return parsed


def _json_bytes(document: JsonInput) -> bytes:
    if isinstance(document, bytes):
        return document
    if isinstance(document, str):
        return document.encode("utf-8")
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _retry_after(value: str | None) -> float | None:
    """RFC 9110 §10.2.3: delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _problem(status: int, content_type: str, body: bytes, retry_after: float | None) -> CredmarkError:
    problem: dict[str, Any] = {}
    if "json" in content_type:
        try:
            parsed = json.loads(body)
            if isinstance(parsed, dict):
                problem = parsed
        except ValueError:
            pass
    if not problem:
        problem = {"status": status, "detail": body[:500].decode("utf-8", "replace").strip()}
    text = problem.get("detail") or problem.get("title") or f"HTTP {status}"
    paths = [f"{e.get('path')}: {e.get('message')}" for e in problem.get("errors") or [] if isinstance(e, dict)]
    if paths:
        text += " (" + "; ".join(paths) + ")"
    return CredmarkError(f"credmark answered {status}: {text}", status=status, problem=problem,
                         retry_after=retry_after)


class _Multipart:
    """multipart/form-data (RFC 7578), built in memory: a stamp body is bounded by the service's upload limit."""

    def __init__(self) -> None:
        self.boundary = "credmark-" + uuid.uuid4().hex
        self._chunks: list[bytes] = []

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def add(self, name: str, data: bytes, *, content_type: str, filename: str | None = None) -> None:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            safe = "".join(c for c in filename if c.isprintable() and c not in '"\\')
            disposition += f'; filename="{safe}"'
        head = (f"--{self.boundary}\r\nContent-Disposition: {disposition}\r\n"
                f"Content-Type: {content_type}\r\n\r\n")
        self._chunks += [head.encode("utf-8"), data, b"\r\n"]

    def body(self) -> bytes:
        return b"".join(self._chunks) + f"--{self.boundary}--\r\n".encode("ascii")
