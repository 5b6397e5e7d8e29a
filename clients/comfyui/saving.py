"""Saving a batch with Content Credentials: the node's work, without ComfyUI.

For every image of the batch: encode a PNG as ComfyUI's SaveImage does (nodes.py, ``SaveImage.save_images``, at
comfyanonymous/ComfyUI e60e19b: ``prompt`` and each ``extra_pnginfo`` entry as JSON text chunks unless metadata is
disabled, compress level 4), have credmark stamp it, and write the stamped file atomically under the name
SaveImage would use, ``{filename}_{counter:05}_.png``.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from credmark_client import Client, CredmarkError, stamp_options, write_atomically

from .graph import GraphReading, read_graph

COMPRESS_LEVEL = 4  # SaveImage's


@dataclass(frozen=True)
class Attribution:
    """Whose model made the images: a registered model, or a creator handle and a model name."""

    creator_handle: str = ""
    model_name: str = ""
    registered_model: str = ""


@dataclass(frozen=True)
class OutputPlace:
    """Where SaveImage would write the batch: folder_paths.get_save_image_path's answer."""

    folder: str
    filename: str
    counter: int
    subfolder: str
    type: str = "output"


def save_batch(client: Client, images: Any, place: OutputPlace, attribution: Attribution, *,
               marker: str = "none", watermark: str = "auto", prompt: Mapping[str, Any] | None = None,
               extra_pnginfo: Mapping[str, Any] | None = None, node_id: str | None = None,
               metadata_disabled: bool = False) -> list[dict[str, Any]]:
    """Stamps and writes each image of ``images`` (B×H×W×C, values 0–1); one result per image, in order.

    With metadata disabled (ComfyUI's ``--disable-metadata``) neither the graph nor the generation parameters
    read from it leave the machine: the PNG has no text chunks and the provenance names only creator, model and
    image size.
    Raises ``CredmarkError`` when the service refuses or cannot be reached; images already written stay.
    """
    reading = read_graph(None if metadata_disabled else prompt, node_id)
    options = stamp_options(marker, watermark)
    results = []
    for batch_number, image in enumerate(images):
        pixels = np.clip(255.0 * image.cpu().numpy(), 0, 255).astype(np.uint8)
        png = encode_png(pixels, None if metadata_disabled else prompt,
                         None if metadata_disabled else extra_pnginfo)
        generation = dict(reading.generation)
        generation["height"], generation["width"] = int(pixels.shape[0]), int(pixels.shape[1])
        name = f"{place.filename.replace('%batch_num%', str(batch_number))}_{place.counter + batch_number:05}_.png"
        try:
            if attribution.registered_model:
                stamped = client.stamp(png, {"generation": generation}, options,
                                       registered_model=attribution.registered_model)
            else:
                stamped = client.stamp(png, _document(attribution, reading, generation), options)
        except CredmarkError as e:
            raise CredmarkError(f"{name} was not saved: {e}", status=e.status, problem=e.problem) from None
        write_atomically(os.path.join(place.folder, name), stamped.image_bytes, exclusive=True)
        results.append({"filename": name, "subfolder": place.subfolder, "type": place.type,
                        "credential": stamped.credential_id, "url": stamped.credential_url})
    return results


def encode_png(pixels: np.ndarray, prompt: Mapping[str, Any] | None,
               extra_pnginfo: Mapping[str, Any] | None) -> bytes:
    """The PNG SaveImage writes for these pixels and this graph."""
    metadata = None
    if prompt is not None or extra_pnginfo is not None:
        metadata = PngInfo()
        if prompt is not None:
            metadata.add_text("prompt", json.dumps(prompt))
        for key, value in (extra_pnginfo or {}).items():
            metadata.add_text(key, json.dumps(value))
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG", pnginfo=metadata, compress_level=COMPRESS_LEVEL)
    return out.getvalue()


def _document(attribution: Attribution, reading: GraphReading, generation: dict[str, Any]) -> dict[str, Any]:
    model_name = attribution.model_name.strip() or reading.model_name
    if not attribution.creator_handle.strip() or not model_name:
        raise ValueError("set the creator handle and the model (or a registered model) on the credmark node"
                         + ("" if model_name else "; no checkpoint loader was found in the graph"))
    document: dict[str, Any] = {"creator": {"handle": attribution.creator_handle.strip()},
                                "model": {"name": model_name}}
    if reading.checkpoint and attribution.model_name.strip():
        generation = {**generation, "extra": {"ckpt_name": reading.checkpoint}}
    document["generation"] = generation
    if reading.adapters:
        document["lineage"] = {"adapters": reading.adapters}
    return document


def summary(results: Sequence[Mapping[str, Any]]) -> str:
    """One line per saved image: its file and its credential's page."""
    return "\n".join(f"{r['filename']}: {r['url']}" for r in results)
