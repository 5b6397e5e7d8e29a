"""The ComfyUI node against a running credmark service, with a real torch tensor batch."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import types

import pytest
import torch
from PIL import Image

from conftest import CLIENTS, TESTDATA, unused_url
from credmark_client import Client, CredmarkError

NODE_ID = "10"


def _load_like_comfyui(name: str = "credmark_comfyui"):
    """As nodes.py load_custom_node does: the folder's __init__.py as a package named after the folder."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, CLIENTS / "comfyui" / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


credmark_comfyui = _load_like_comfyui()
saving = sys.modules["credmark_comfyui.saving"]
graph = sys.modules["credmark_comfyui.graph"]


@pytest.fixture
def prompt() -> dict:
    """The API graph of testdata's ComfyUI image, with this node saving what its VAE Decode made."""
    g = json.loads((TESTDATA / "images" / "meta" / "comfyui-prompt.json").read_text(encoding="utf-8"))
    del g["9"]
    g[NODE_ID] = {"class_type": "CredmarkSaveImage", "inputs": {
        "images": ["8", 0], "filename_prefix": "ComfyUI", "creator_handle": "mirelle.ink", "model_name": "Inkwash XL",
        "registered_model": "", "marker": "bottom-right", "watermark": "auto"}}
    return g


@pytest.fixture
def workflow() -> dict:
    return json.loads((TESTDATA / "images" / "meta" / "comfyui-workflow.json").read_text(encoding="utf-8"))


def _batch(n: int = 3, height: int = 320, width: int = 256) -> torch.Tensor:
    """B×H×W×C in 0–1, as VAE Decode hands it on: smooth gradients with a little noise, different per image."""
    generator = torch.Generator().manual_seed(7)
    y = torch.linspace(0, 1, height).view(1, height, 1, 1)
    x = torch.linspace(0, 1, width).view(1, 1, width, 1)
    tint = torch.tensor([[0.9, 0.5, 0.2], [0.2, 0.7, 0.9], [0.6, 0.3, 0.8]])[:n].view(n, 1, 1, 3)
    noise = 0.05 * torch.rand((n, height, width, 3), generator=generator)
    return (0.6 * tint * (0.5 * y + 0.5 * x) + 0.2 + noise).clamp(0, 1)


def test_every_image_of_the_batch_is_stamped_trusted_with_the_graph_and_without_the_key(
        service, reference_verifier, prompt, workflow, tmp_path):
    images = _batch()
    results = saving.save_batch(Client(service.url, service.stamp_key), images,
                                saving.OutputPlace(str(tmp_path), "ComfyUI", 1, ""),
                                saving.Attribution("mirelle.ink", "Inkwash XL"), marker="bottom-right",
                                prompt=prompt, extra_pnginfo={"workflow": workflow}, node_id=NODE_ID)

    assert [r["filename"] for r in results] == ["ComfyUI_00001_.png", "ComfyUI_00002_.png", "ComfyUI_00003_.png"]
    files = [tmp_path / r["filename"] for r in results]
    assert all(v["validationState"] == "Trusted" for v in reference_verifier(*files)), reference_verifier(*files)
    assert len({r["credential"] for r in results}) == 3

    client = Client(service.url)
    for image, file, result in zip(images, files, results):
        with Image.open(file) as png:
            assert png.size == (256, 320)
            # the chunks ComfyUI's SaveImage writes, kept through the stamp
            assert json.loads(png.text["prompt"]) == prompt
            assert json.loads(png.text["workflow"]) == workflow
            workflow_text = png.text["workflow"]
        report = client.verify(file)
        assert report["status"] == "trusted"
        assert report["credential"]["id"] == result["credential"]
        generation = report["summary"]["provenance"]["generation"]
        assert {k: generation[k] for k in ("seed", "steps", "sampler", "scheduler", "cfgScale", "denoise")} == {
            "seed": 1234567890, "steps": 20, "sampler": "euler", "scheduler": "normal", "cfgScale": 8, "denoise": 1}
        assert generation["prompt"].startswith("a lighthouse on a rocky coast")
        assert generation["negativePrompt"] == "blurry, lowres, watermark, text"
        assert (generation["width"], generation["height"]) == (256, 320)
        # the node names the checkpoint as the service's own import of the graph does; the import adds the
        # workflow, kept only as the hash of its chunk
        assert generation["extra"] == {"ckpt_name": "v1-5-pruned-emaonly.safetensors",
                                       "workflow": {"sha256": hashlib.sha256(workflow_text.encode()).hexdigest()}}
        assert report["summary"]["provenance"]["model"]["name"] == "Inkwash XL"
        assert "marker" in report["summary"] and report["watermark"]["present"] is True

    key = service.stamp_key.encode()
    for file in tmp_path.rglob("*"):
        assert key not in file.read_bytes(), file
    assert service.stamp_key not in json.dumps(results)
    assert not any(service.stamp_key in line for line in service.output)


def test_with_metadata_disabled_neither_the_graph_nor_its_parameters_leave(service, prompt, workflow, tmp_path):
    client = Client(service.url, service.stamp_key)
    [result] = saving.save_batch(client, _batch(1), saving.OutputPlace(str(tmp_path), "x", 7, "sub"),
                                 saving.Attribution("mirelle.ink", "Inkwash XL"), prompt=prompt,
                                 extra_pnginfo={"workflow": workflow}, node_id=NODE_ID, metadata_disabled=True)

    assert (result["filename"], result["subfolder"]) == ("x_00007_.png", "sub")
    with Image.open(tmp_path / "x_00007_.png") as png:
        assert "prompt" not in png.text and "workflow" not in png.text
    provenance = Client(service.url).verify(tmp_path / "x_00007_.png")["summary"]["provenance"]
    assert provenance["generation"] == {"width": 256, "height": 320}
    assert "lineage" not in provenance

    # nor is the checkpoint's name read to stand in for a model the node does not name
    with pytest.raises(ValueError, match="model"):
        saving.save_batch(client, _batch(1), saving.OutputPlace(str(tmp_path), "y", 1, ""),
                          saving.Attribution("mirelle.ink", ""), prompt=prompt, node_id=NODE_ID,
                          metadata_disabled=True)
    assert not (tmp_path / "y_00001_.png").exists()


def test_the_model_defaults_to_the_checkpoint_and_lora_loaders_become_adapters(service, prompt, tmp_path):
    prompt["11"] = {"class_type": "LoraLoader", "inputs": {
        "lora_name": "styles/inkwash_texture_v3.safetensors", "strength_model": 0.7, "strength_clip": 1.0,
        "model": ["4", 0], "clip": ["4", 1]}}
    prompt["12"] = {"class_type": "PrimitiveInt", "inputs": {"value": 42}}
    prompt["3"]["inputs"]["model"] = ["11", 0]
    prompt["3"]["inputs"]["seed"] = ["12", 0]
    [result] = saving.save_batch(Client(service.url, service.stamp_key), _batch(1),
                                 saving.OutputPlace(str(tmp_path), "ComfyUI", 1, ""),
                                 saving.Attribution("mirelle.ink", ""), prompt=prompt, node_id=NODE_ID)

    provenance = Client(service.url).verify(tmp_path / result["filename"])["summary"]["provenance"]
    assert provenance["model"]["name"] == "v1-5-pruned-emaonly"
    assert provenance["generation"]["seed"] == 42
    assert provenance["lineage"]["adapters"] == [{"kind": "lora", "name": "inkwash_texture_v3", "weight": 0.7}]


def test_the_sampler_upstream_of_the_node_is_the_one_read():
    g = {"1": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 5}},
         "2": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": 2, "steps": 9}},
         "3": {"class_type": "VAEDecode", "inputs": {"samples": ["2", 0]}},
         "4": {"class_type": "CredmarkSaveImage", "inputs": {"images": ["3", 0]}}}

    assert graph.read_graph(g, "4").generation == {"seed": 2, "steps": 9}
    assert graph.read_graph(g, None).generation == {"seed": 1, "steps": 5}
    assert graph.read_graph(None, "4").generation == {}


def test_a_service_that_cannot_be_reached_writes_nothing(prompt, tmp_path):
    with pytest.raises(CredmarkError, match="ComfyUI_00001_.png was not saved"):
        saving.save_batch(Client(unused_url(), "cmk_x", timeout=5), _batch(1),
                          saving.OutputPlace(str(tmp_path), "ComfyUI", 1, ""),
                          saving.Attribution("mirelle.ink", "Inkwash XL"), prompt=prompt, node_id=NODE_ID)
    assert list(tmp_path.iterdir()) == []


def test_the_node_is_registered_as_comfyui_expects_and_no_widget_holds_a_secret():
    assert credmark_comfyui.NODE_DISPLAY_NAME_MAPPINGS == {
        "CredmarkSaveImage": "Save Image with Content Credentials (credmark)"}
    node = credmark_comfyui.NODE_CLASS_MAPPINGS["CredmarkSaveImage"]
    inputs = node.INPUT_TYPES()
    assert inputs["hidden"] == {"prompt": "PROMPT", "extra_pnginfo": "EXTRA_PNGINFO", "unique_id": "UNIQUE_ID"}
    assert inputs["required"]["images"][0] == "IMAGE"
    assert not [name for name in inputs["required"] if "key" in name or "url" in name or "token" in name]
    assert node.OUTPUT_NODE is True and callable(getattr(node(), node.FUNCTION))


def test_the_node_saves_through_comfyuis_modules(service, reference_verifier, prompt, workflow, tmp_path,
                                                 monkeypatch):
    # Stand-ins for the two ComfyUI modules the node imports (ComfyUI itself is not installed here): the output
    # directory, get_save_image_path's answer for an empty folder, and the --disable-metadata flag.
    folder_paths = types.ModuleType("folder_paths")
    folder_paths.get_output_directory = lambda: str(tmp_path)
    folder_paths.get_save_image_path = lambda prefix, out, w, h: (out, prefix, 1, "", prefix)
    cli_args = types.ModuleType("comfy.cli_args")
    cli_args.args = types.SimpleNamespace(disable_metadata=False)
    monkeypatch.setitem(sys.modules, "folder_paths", folder_paths)
    monkeypatch.setitem(sys.modules, "comfy", types.ModuleType("comfy"))
    monkeypatch.setitem(sys.modules, "comfy.cli_args", cli_args)
    monkeypatch.setenv("CREDMARK_URL", service.url)
    monkeypatch.setenv("CREDMARK_API_KEY", service.stamp_key)

    node = credmark_comfyui.NODE_CLASS_MAPPINGS["CredmarkSaveImage"]()
    out = node.save_images(_batch(2), "ComfyUI", "mirelle.ink", "Inkwash XL", "", "none", "off", prompt=prompt,
                           extra_pnginfo={"workflow": workflow}, unique_id=NODE_ID)

    assert out["ui"]["images"] == [{"filename": f"ComfyUI_0000{i}_.png", "subfolder": "", "type": "output"}
                                   for i in (1, 2)]
    [text] = out["result"]
    assert text.count("/c/") == 2 and out["ui"]["text"] == [text]
    verdicts = reference_verifier(*(tmp_path / i["filename"] for i in out["ui"]["images"]))
    assert [v["validationState"] for v in verdicts] == ["Trusted", "Trusted"]
    assert service.stamp_key not in json.dumps(out)
    report = Client(service.url).verify(tmp_path / "ComfyUI_00001_.png")
    assert "marker" not in report["summary"] and report["watermark"]["present"] is False


def test_a_registered_model_replaces_creator_and_model(service, registered_model, prompt, tmp_path):
    [result] = saving.save_batch(Client(service.url, service.stamp_key), _batch(1),
                                 saving.OutputPlace(str(tmp_path), "ComfyUI", 1, ""),
                                 saving.Attribution(registered_model=registered_model), prompt=prompt,
                                 node_id=NODE_ID)

    provenance = Client(service.url).verify(tmp_path / result["filename"])["summary"]["provenance"]
    assert (provenance["creator"]["handle"], provenance["model"]["name"]) == ("mirelle.ink", "Inkwash XL")
    assert provenance["generation"]["steps"] == 20
