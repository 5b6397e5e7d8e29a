"""Where the node finds the service and its API key: never in a widget.

Widget values are saved in every PNG's ``workflow`` chunk and in shared workflow files, so the key comes from the
environment (``CREDMARK_API_KEY``, ``CREDMARK_URL``) or from ``credmark.json`` next to this file:
``{"url": "https://credmark.example.org", "api_key": "cmk_…"}``. The environment wins.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass

CONFIG_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "credmark.json")


@dataclass(frozen=True)
class Connection:
    url: str
    api_key: str

    def __repr__(self) -> str:
        return f"Connection(url={self.url!r}, api_key=***)"


def connection(environ: Mapping[str, str] = os.environ, config_file: str = CONFIG_FILE) -> Connection:
    config: dict = {}
    if os.path.isfile(config_file):
        with open(config_file, encoding="utf-8") as f:
            config = json.load(f)
        if not isinstance(config, dict):
            raise ValueError(f"{config_file}: expected a JSON object with url and api_key")
    url = environ.get("CREDMARK_URL") or config.get("url")
    api_key = environ.get("CREDMARK_API_KEY") or config.get("api_key")
    if not url or not api_key:
        raise ValueError("credmark is not configured: set CREDMARK_URL and CREDMARK_API_KEY for ComfyUI, or write "
                         f"{{\"url\": …, \"api_key\": …}} to {config_file}")
    return Connection(str(url), str(api_key))
