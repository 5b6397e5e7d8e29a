"""The AUTOMATIC1111 / Forge extension's hook against a running credmark service, on files shaped as A1111
saves them (testdata/images: a PNG with a ``parameters`` chunk, a JPEG with the infotext in EXIF UserComment)."""

from __future__ import annotations

import logging
import os
import shutil
import types

import pytest

import credmark_a1111
from conftest import TESTDATA, unused_url
from credmark_client import Client

A1111_PNG = TESTDATA / "images" / "a1111-parameters.png"
A1111_JPEG = TESTDATA / "images" / "exif-a1111-usercomment.jpg"
INFOTEXT = (TESTDATA / "images" / "meta" / "a1111-parameters.txt").read_text(encoding="utf-8")


def _settings(service, **changes) -> credmark_a1111.Settings:
    values = dict(enabled=True, url=service.url if service else "http://127.0.0.1:9", creator_handle="mirelle.ink")
    values.update(changes)
    return credmark_a1111.Settings(**values)


@pytest.mark.parametrize("original", [A1111_PNG, A1111_JPEG], ids=["png-parameters", "jpeg-usercomment"])
def test_the_saved_file_is_replaced_in_place_by_a_trusted_stamp_with_its_parameters(
        service, reference_verifier, original, tmp_path):
    saved = tmp_path / original.name
    shutil.copyfile(original, saved)
    os.chmod(saved, 0o640)

    replaced = credmark_a1111.stamp_saved_image(str(saved), None, _settings(service),
                                                environ={"CREDMARK_API_KEY": service.stamp_key})

    assert replaced
    assert saved.read_bytes() != original.read_bytes()
    assert os.stat(saved).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]
    [verdict] = reference_verifier(saved)
    assert verdict["validationState"] == "Trusted", verdict
    report = Client(service.url).verify(saved)
    assert report["status"] == "trusted"
    provenance = report["summary"]["provenance"]
    assert provenance["model"] == {"name": "v1-5-pruned", "hash": {"alg": "a1111-shorthash", "value": "6ce0161689"}}
    g = provenance["generation"]
    assert {k: g[k] for k in ("seed", "steps", "sampler", "cfgScale", "width", "height")} == {
        "seed": 1234567890, "steps": 30, "sampler": "DPM++ 2M", "cfgScale": 7, "width": 512, "height": 768}
    assert g["prompt"].startswith("masterpiece, best quality, a cozy bookshop")
    assert g["negativePrompt"].startswith("lowres, blurry")
    assert g["extra"] == {"Version": "v1.10.1"}
    assert service.stamp_key.encode() not in saved.read_bytes()


def test_the_infotext_a1111_hands_over_is_used_and_models_map_to_names(service, tmp_path):
    saved = tmp_path / "00001-42.png"
    shutil.copyfile(A1111_PNG, saved)
    infotext = INFOTEXT.replace("Seed: 1234567890", "Seed: 42")

    assert credmark_a1111.stamp_saved_image(
        str(saved), infotext, _settings(service, model_map="v1-5-pruned = Inkwash XL\n", marker="bottom-left"),
        environ={"CREDMARK_API_KEY": service.stamp_key})

    report = Client(service.url).verify(saved)
    assert report["summary"]["provenance"]["model"]["name"] == "Inkwash XL"
    assert report["summary"]["provenance"]["generation"]["seed"] == 42
    assert "marker" in report["summary"]


def test_the_api_key_may_come_from_a_file(service, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(service.stamp_key + "\n")
    saved = tmp_path / "out.jpg"
    shutil.copyfile(A1111_JPEG, saved)

    assert credmark_a1111.stamp_saved_image(str(saved), None, _settings(service, api_key_file=str(key_file)),
                                            environ={})
    assert Client(service.url).verify(saved)["status"] == "trusted"


@pytest.mark.parametrize("case", ["service down", "unknown key", "no creator", "disabled"])
def test_a_failure_leaves_the_original_file_intact_and_logs_one_line(service, case, tmp_path, caplog):
    saved = tmp_path / "00002-1234567890.png"
    shutil.copyfile(A1111_PNG, saved)
    settings = {"service down": _settings(service, url=unused_url()),
                "unknown key": _settings(service),
                "no creator": _settings(service, creator_handle=""),
                "disabled": _settings(service, enabled=False)}[case]
    key = "cmk_" + "A" * 43 if case == "unknown key" else service.stamp_key

    with caplog.at_level(logging.INFO, logger="credmark"):
        replaced = credmark_a1111.stamp_saved_image(str(saved), None, settings, environ={"CREDMARK_API_KEY": key})

    assert not replaced
    assert saved.read_bytes() == A1111_PNG.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]
    if case == "disabled":
        assert caplog.records == []
    else:
        [record] = caplog.records
        assert str(saved) in record.getMessage() and "not stamped" in record.getMessage()
        assert "\n" not in record.getMessage() and key not in record.getMessage()
    if case == "unknown key":
        assert "401" in caplog.records[0].getMessage()


def test_infotext_is_read_as_a1111_writes_it():
    prompt, negative, params = credmark_a1111.parse_infotext(
        'a cat\nin a hat\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, Schedule type: Karras, CFG scale: 7.5, '
        'Seed: 1, Size: 512x768, Lora hashes: "add_detail: 7c6bad76eb54, style: abcdef0123", Version: v1.10.1')

    assert (prompt, negative) == ("a cat\nin a hat", "dog")
    assert params["Lora hashes"] == "add_detail: 7c6bad76eb54, style: abcdef0123"
    document, registered = credmark_a1111.provenance_from_infotext(
        'a cat\nSteps: 20, Sampler: Euler a, Schedule type: Karras, CFG scale: 7.5, Seed: 1, Model: sdxl, '
        'Denoising strength: 0.4',
        credmark_a1111.Settings(creator_handle="c", model_map="sdxl = mirelle.ink:inkwash-xl"))
    assert registered == "mirelle.ink:inkwash-xl"
    assert document == {"generation": {"prompt": "a cat", "steps": 20, "sampler": "Euler a", "scheduler": "Karras",
                                       "cfgScale": 7.5, "seed": 1, "denoise": 0.4}}


def test_settings_are_read_from_a1111s_opts():
    opts = types.SimpleNamespace(credmark_enabled=True, credmark_url=" http://h:1 ", credmark_marker="top-left")
    settings = credmark_a1111.Settings.from_options(opts)

    assert (settings.enabled, settings.url, settings.marker, settings.watermark) == (True, "http://h:1", "top-left",
                                                                                     "auto")
    assert not [o for o in credmark_a1111.OPTIONS if "key" in o.key and "file" not in o.key]


def test_a_checkpoint_mapped_to_a_registered_model_is_stamped_as_that_model(service, registered_model, tmp_path):
    saved = tmp_path / "00003-1234567890.jpg"
    shutil.copyfile(A1111_JPEG, saved)

    assert credmark_a1111.stamp_saved_image(
        str(saved), None, _settings(service, creator_handle="", model_map=f"6ce0161689 = {registered_model}"),
        environ={"CREDMARK_API_KEY": service.stamp_key})

    provenance = Client(service.url).verify(saved)["summary"]["provenance"]
    assert (provenance["creator"]["handle"], provenance["model"]["name"]) == ("mirelle.ink", "Inkwash XL")
    assert provenance["generation"]["seed"] == 1234567890
