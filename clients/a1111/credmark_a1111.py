"""credmark for AUTOMATIC1111 / Forge: the work of the extension, without the web UI.

``scripts/credmark.py`` (the edge) registers the settings and hands every saved image to ``stamp_saved_image``,
which posts the file to credmark and replaces it, atomically, with the stamped file. Any failure leaves the
original file as it was and logs one line. A1111 puts the extension's folder on ``sys.path`` while it loads the
extension's scripts (modules/scripts.py ``load_scripts``), which is how the script imports this module.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image

from credmark_client import (MARKER_CHOICES, WATERMARK_CHOICES, Client, CredmarkError, replace_atomically,
                             sniff_media_type, stamp_options)

log = logging.getLogger("credmark")

SECTION = ("credmark", "Content Credentials (credmark)")
REGISTERED_MODEL = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}:[a-z0-9][a-z0-9._-]{0,62}")  # ModelRegistry.ID

# modules/infotext_utils.py (generation_parameters_copypaste.py before v1.8), parse_generation_parameters.
RE_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
RE_SIZE = re.compile(r"^(\d+)x(\d+)$")

# Infotext keys that have a place of their own in the provenance document; the rest go to generation.extra.
KEYS_READ = {"Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Denoising strength", "Model",
             "Model hash"}


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    label: str
    choices: tuple[str, ...] | None = None


# (key, default, label): what on_ui_settings registers; the API key itself is never a setting (settings are saved
# in config.json in plain text and served to the browser).
OPTIONS = (
    Option("credmark_enabled", False, "Stamp every saved image with Content Credentials"),
    Option("credmark_url", "http://localhost:8080", "credmark service URL"),
    Option("credmark_api_key_file", "", "File holding the API key (empty: the CREDMARK_API_KEY environment variable)"),
    Option("credmark_creator_handle", "", "Creator handle"),
    Option("credmark_model_map", "", "Models, one per line: CHECKPOINT = HANDLE:SLUG (registered) or = Model name"),
    Option("credmark_marker", "none", "Visible mark", MARKER_CHOICES),
    Option("credmark_watermark", "auto", "Invisible watermark", WATERMARK_CHOICES),
)


@dataclass(frozen=True)
class Settings:
    enabled: bool = False
    url: str = ""
    api_key_file: str = ""
    creator_handle: str = ""
    model_map: str = ""
    marker: str = "none"
    watermark: str = "auto"

    @classmethod
    def from_options(cls, opts: Any) -> Settings:
        """From A1111's ``shared.opts`` (or anything with the same attributes)."""
        value = {o.key: getattr(opts, o.key, o.default) for o in OPTIONS}
        return cls(bool(value["credmark_enabled"]), str(value["credmark_url"]).strip(),
                   str(value["credmark_api_key_file"]).strip(), str(value["credmark_creator_handle"]).strip(),
                   str(value["credmark_model_map"]), str(value["credmark_marker"]), str(value["credmark_watermark"]))


def api_key(settings: Settings, environ: Mapping[str, str] = os.environ) -> str | None:
    if settings.api_key_file:
        with open(os.path.expanduser(settings.api_key_file), encoding="utf-8") as f:
            return f.read().strip() or None
    return environ.get("CREDMARK_API_KEY") or None


def stamp_saved_image(path: str, infotext: str | None, settings: Settings, *,
                      environ: Mapping[str, str] = os.environ) -> bool:
    """Stamps the image A1111 saved at ``path`` and replaces it; True when it was replaced.

    ``infotext`` is the ``parameters`` text A1111 saved with the image; when None it is read from the file (PNG
    ``parameters`` chunk, JPEG EXIF UserComment).
    """
    if not settings.enabled:
        return False
    try:
        with open(path, "rb") as f:
            original = f.read()
        if sniff_media_type(original) is None:
            log.warning("credmark: %s not stamped: only PNG and JPEG can be stamped", path)
            return False
        key = api_key(settings, environ)
        if not key:
            raise ValueError("no API key: set CREDMARK_API_KEY or the API key file in Settings")
        if infotext is None:
            infotext = read_infotext(original)
        provenance, registered = provenance_from_infotext(infotext or "", settings)
        stamped = Client(settings.url, key).stamp(original, provenance,
                                                  stamp_options(settings.marker, settings.watermark),
                                                  registered_model=registered)
        replace_atomically(path, stamped.image_bytes)
    except (CredmarkError, OSError, ValueError) as e:
        log.warning("credmark: %s not stamped, left as saved: %s", path, e)
        return False
    log.info("credmark: stamped %s: %s", path, stamped.credential_url)
    return True


def parse_infotext(text: str) -> tuple[str, str, dict[str, str]]:
    """Prompt, negative prompt and the ``key: value`` pairs of A1111 infotext (parse_generation_parameters)."""
    lines = text.strip().split("\n")
    last = lines[-1] if lines else ""
    params: dict[str, str] = {}
    if len(RE_PARAM.findall(last)) >= 3:
        lines = lines[:-1]
        for k, v in RE_PARAM.findall(last):
            v = v.strip()
            if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
                try:
                    v = json.loads(v)
                except ValueError:
                    pass
            params[k.strip()] = v
    prompt, negative, in_negative = [], [], False
    for line in lines:
        if line.startswith("Negative prompt:"):
            in_negative = True
            line = line[len("Negative prompt:"):].strip()
        (negative if in_negative else prompt).append(line)
    return "\n".join(prompt).strip(), "\n".join(negative).strip(), params


def provenance_from_infotext(text: str, settings: Settings) -> tuple[dict[str, Any], str | None]:
    """The provenance document for one image (or its generation section and the registered model's id)."""
    prompt, negative, params = parse_infotext(text)
    g: dict[str, Any] = {}
    if prompt:
        g["prompt"] = prompt
    if negative:
        g["negativePrompt"] = negative
    _put(g, "steps", params.get("Steps"), int, lambda v: v >= 1)
    _put(g, "sampler", params.get("Sampler"), str, bool)
    _put(g, "scheduler", params.get("Schedule type"), str, bool)
    _put(g, "cfgScale", params.get("CFG scale"), float, lambda v: v >= 0)
    _put(g, "seed", params.get("Seed"), int, lambda v: 0 <= v < 1 << 64)
    _put(g, "denoise", params.get("Denoising strength"), float, lambda v: 0 <= v <= 1)
    size = RE_SIZE.match(params.get("Size", ""))
    if size:
        g["width"], g["height"] = int(size.group(1)), int(size.group(2))
    extra = {k: v for k, v in params.items() if k not in KEYS_READ}
    if extra:
        g["extra"] = extra

    checkpoint = params.get("Model", "")
    models = model_map(settings.model_map)
    target = models.get(checkpoint) or models.get(params.get("Model hash", ""))
    if target and REGISTERED_MODEL.fullmatch(target):
        return {"generation": g}, target
    if not settings.creator_handle:
        raise ValueError("set the creator handle in Settings > Content Credentials (credmark)")
    model_name = target or checkpoint
    if not model_name:
        raise ValueError("the infotext names no model; map one in Settings > Content Credentials (credmark)")
    model: dict[str, Any] = {"name": model_name}
    model_hash = params.get("Model hash", "")
    if re.fullmatch(r"[0-9a-fA-F]{10}", model_hash):
        model["hash"] = model_hash
    return {"creator": {"handle": settings.creator_handle}, "model": model, "generation": g}, None


def model_map(text: str) -> dict[str, str]:
    """``CHECKPOINT = TARGET`` lines; the checkpoint as infotext's ``Model`` or ``Model hash`` names it."""
    mapping = {}
    for line in text.splitlines():
        name, sep, target = line.partition("=")
        if sep and name.strip() and target.strip():
            mapping[name.strip()] = target.strip()
    return mapping


def read_infotext(data: bytes) -> str | None:
    """A1111's infotext as modules/images.py save_image_with_geninfo stores it: a PNG text chunk ``parameters``,
    or for JPEG the EXIF UserComment (``UNICODE\\0`` and UTF-16, big-endian as piexif writes it)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "PNG":
                text = image.text.get("parameters")
                return text if isinstance(text, str) else None
            comment = image.getexif().get_ifd(0x8769).get(0x9286)
    except Exception:  # noqa: BLE001 (Pillow raises many kinds on damaged files; then there is no infotext)
        return None
    if not isinstance(comment, bytes) or len(comment) < 8:
        return comment if isinstance(comment, str) else None
    code, body = comment[:8], comment[8:]
    if code == b"UNICODE\0":
        # big-endian unless the bytes say otherwise (a little-endian writer leaves the high bytes, at odd
        # offsets, mostly zero for Latin text)
        little = body[1::2].count(0) > body[0::2].count(0)
        return body.decode("utf-16-le" if little else "utf-16-be", "replace").rstrip("\0")
    return body.decode("ascii" if code == b"ASCII\0\0\0" else "utf-8", "replace").rstrip("\0")


def _put(g: dict[str, Any], key: str, raw: str | None, kind: type, ok: Callable[[Any], bool]) -> None:
    if raw is None:
        return
    try:
        value = kind(raw.strip()) if isinstance(raw, str) else kind(raw)
    except ValueError:
        return
    if ok(value):
        g[key] = int(value) if kind is float and value == int(value) else value
