"""Stamp options as front ends offer them: a choice of corner for the mark, and auto/on/off for the watermark."""

from __future__ import annotations

from typing import Any

MARKER_CHOICES = ("none", "bottom-right", "bottom-left", "top-right", "top-left")
WATERMARK_CHOICES = ("auto", "on", "off")


def stamp_options(marker: str = "none", watermark: str = "auto") -> dict[str, Any]:
    """The ``options`` part of a stamp (docs/marker.md, docs/watermark.md) for these two choices."""
    if marker not in MARKER_CHOICES:
        raise ValueError(f"marker: expected one of {', '.join(MARKER_CHOICES)}, got {marker!r}")
    if watermark not in WATERMARK_CHOICES:
        raise ValueError(f"watermark: expected one of {', '.join(WATERMARK_CHOICES)}, got {watermark!r}")
    options: dict[str, Any] = {"watermark": {"auto": "auto", "on": True, "off": False}[watermark]}
    if marker != "none":
        options["marker"] = {"position": marker}
    return options
