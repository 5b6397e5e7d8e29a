"""Generation parameters read from ComfyUI's API-format graph (the hidden ``PROMPT`` input).

The graph is ``{"<node id>": {"class_type": …, "inputs": {name: value or [source id, output index]}}}``. The
sampler that made an image is found by walking upstream from the saving node; its inputs give the provenance
document's ``generation`` section, the checkpoint loader behind its ``model`` input the model, and LoRA loaders
on that path the adapters. No ComfyUI import: this is plain data.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Core samplers (nodes.py KSampler / KSamplerAdvanced) and the input that holds their seed.
SAMPLER_SEED_INPUT = {"KSampler": "seed", "KSamplerAdvanced": "noise_seed"}
CHECKPOINT_INPUTS = ("ckpt_name", "unet_name")
LORA_LOADERS = {"LoraLoader", "LoraLoaderModelOnly"}
MAX_NODES_VISITED = 10_000

Graph = Mapping[str, Mapping[str, Any]]


@dataclass
class GraphReading:
    """What the graph says about one image: the ``generation`` section and the model behind it."""

    generation: dict[str, Any] = field(default_factory=dict)
    checkpoint: str | None = None
    adapters: list[dict[str, Any]] = field(default_factory=list)

    @property
    def model_name(self) -> str | None:
        """The checkpoint's file name without directory and extension, e.g. ``sd_xl_base_1.0``."""
        if not self.checkpoint:
            return None
        return os.path.splitext(os.path.basename(self.checkpoint.replace("\\", "/")))[0] or None


def read_graph(graph: Graph | None, output_node: str | None = None) -> GraphReading:
    """Reads the sampler upstream of ``output_node`` (the saving node's id), or the first sampler of the graph."""
    if not graph:
        return GraphReading()
    sampler_id = _upstream(graph, output_node, lambda n: n.get("class_type") in SAMPLER_SEED_INPUT)
    if sampler_id is None:
        samplers = sorted((i for i, n in graph.items() if n.get("class_type") in SAMPLER_SEED_INPUT), key=_id_order)
        if not samplers:
            return GraphReading()
        sampler_id = samplers[0]
    sampler = graph[sampler_id]
    inputs = sampler.get("inputs", {})
    reading = GraphReading()
    g = reading.generation
    _put_int(g, "seed", _value(graph, inputs.get(SAMPLER_SEED_INPUT[sampler["class_type"]])), minimum=0)
    _put_int(g, "steps", _value(graph, inputs.get("steps")), minimum=1)
    _put_number(g, "cfgScale", _value(graph, inputs.get("cfg")), minimum=0)
    _put_text(g, "sampler", _value(graph, inputs.get("sampler_name")))
    _put_text(g, "scheduler", _value(graph, inputs.get("scheduler")))
    denoise = _value(graph, inputs.get("denoise"))
    if _is_number(denoise) and 0 <= denoise <= 1:
        g["denoise"] = denoise
    _put_text(g, "prompt", _text(graph, inputs.get("positive")))
    _put_text(g, "negativePrompt", _text(graph, inputs.get("negative")))
    reading.checkpoint, reading.adapters = _model(graph, inputs.get("model"))
    return reading


def _upstream(graph: Graph, start: str | None, wanted) -> str | None:
    """Breadth-first from ``start`` along input links: the nearest node ``wanted`` accepts."""
    if start is None or start not in graph:
        return None
    queue, seen = deque([str(start)]), {str(start)}
    while queue and len(seen) < MAX_NODES_VISITED:
        node = graph.get(queue.popleft()) or {}
        for value in (node.get("inputs") or {}).values():
            source = _link(value)
            if source is None or source in seen or source not in graph:
                continue
            if wanted(graph[source]):
                return source
            seen.add(source)
            queue.append(source)
    return None


def _model(graph: Graph, link: Any) -> tuple[str | None, list[dict[str, Any]]]:
    """Follows a MODEL input up through LoRA loaders to the checkpoint loader."""
    adapters: list[dict[str, Any]] = []
    source = _link(link)
    for _ in range(MAX_NODES_VISITED):
        node = graph.get(source) if source is not None else None
        if node is None:
            break
        inputs = node.get("inputs") or {}
        for name in CHECKPOINT_INPUTS:
            checkpoint = _value(graph, inputs.get(name))
            if isinstance(checkpoint, str) and checkpoint:
                return checkpoint, adapters
        if node.get("class_type") in LORA_LOADERS:
            lora = _value(graph, inputs.get("lora_name"))
            if isinstance(lora, str) and lora:
                adapter: dict[str, Any] = {"kind": "lora",
                                           "name": os.path.splitext(os.path.basename(lora.replace("\\", "/")))[0]}
                strength = _value(graph, inputs.get("strength_model"))
                if _is_number(strength):
                    adapter["weight"] = strength
                adapters.append(adapter)
        source = _link(inputs.get("model"))
    return None, adapters


def _text(graph: Graph, link: Any) -> str | None:
    """The prompt text of the text encoder a CONDITIONING input comes from."""
    source = _link(link)
    node = graph.get(source) if source is not None else None
    if node is None:
        return None
    inputs = node.get("inputs") or {}
    text = _value(graph, inputs.get("text"))
    return text if isinstance(text, str) else None


def _value(graph: Graph, value: Any) -> Any:
    """A widget value, or the value of a primitive node (one widget, no links) the input is linked to."""
    source = _link(value)
    if source is None:
        return value
    node = graph.get(source) or {}
    scalars = [v for v in (node.get("inputs") or {}).values() if _link(v) is None]
    return scalars[0] if len(scalars) == 1 else None


def _link(value: Any) -> str | None:
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], (str, int)) and isinstance(value[1], int):
        return str(value[0])
    return None


def _id_order(node_id: str) -> tuple[int, str]:
    return (int(node_id), "") if node_id.isdigit() else (1 << 62, node_id)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _put_int(g: dict[str, Any], key: str, v: Any, *, minimum: int) -> None:
    if isinstance(v, int) and not isinstance(v, bool) and v >= minimum:
        g[key] = v


def _put_number(g: dict[str, Any], key: str, v: Any, *, minimum: float) -> None:
    if _is_number(v) and v >= minimum:
        g[key] = v


def _put_text(g: dict[str, Any], key: str, v: Any) -> None:
    if isinstance(v, str) and v.strip():
        g[key] = v
