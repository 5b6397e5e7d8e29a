#!/usr/bin/env python3
"""Writes the generator metadata texts in meta/, serialised the way each front end serialises them.

ComfyUI (SaveImage in nodes.py): json.dumps(prompt) and json.dumps(extra_pnginfo["workflow"]), Python's default
separators. InvokeAI 4 (image_files_disk.py): pydantic's model_dump_json(), compact separators. NovelAI: json.dumps
of the request parameters. AUTOMATIC1111: the infotext of processing.py's create_infotext, with Civitai's
generator's resource list appended as it writes it.
"""
import json

BLAKE3_MODEL = "blake3:" + "9c7a3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff001"
BLAKE3_LORA = "blake3:" + "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0"

comfy_prompt = {
    "3": {"inputs": {"seed": 1039481773, "steps": 28, "cfg": 6.5, "sampler_name": "dpmpp_2m",
                     "scheduler": "karras", "denoise": 1, "model": ["11", 0], "positive": ["6", 0],
                     "negative": ["7", 0], "latent_image": ["5", 0]},
          "class_type": "KSampler", "_meta": {"title": "KSampler"}},
    "4": {"inputs": {"ckpt_name": "sdxl/juggernautXL_v9.safetensors"}, "class_type": "CheckpointLoaderSimple",
          "_meta": {"title": "Load Checkpoint"}},
    "5": {"inputs": {"width": 832, "height": 1216, "batch_size": 1}, "class_type": "EmptyLatentImage",
          "_meta": {"title": "Empty Latent Image"}},
    "6": {"inputs": {"text": "ink wash painting of a grey heron in a misty river at dawn, loose brushwork",
                     "clip": ["11", 1]}, "class_type": "CLIPTextEncode",
          "_meta": {"title": "CLIP Text Encode (Prompt)"}},
    "7": {"inputs": {"text": "photo, 3d render, watermark, text", "clip": ["11", 1]},
          "class_type": "CLIPTextEncode", "_meta": {"title": "CLIP Text Encode (Prompt)"}},
    "8": {"inputs": {"samples": ["3", 0], "vae": ["4", 2]}, "class_type": "VAEDecode",
          "_meta": {"title": "VAE Decode"}},
    "9": {"inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}, "class_type": "SaveImage",
          "_meta": {"title": "Save Image"}},
    "10": {"inputs": {"lora_name": "inkwash_texture_v3.safetensors", "strength_model": 0.8, "strength_clip": 0.8,
                      "model": ["4", 0], "clip": ["4", 1]}, "class_type": "LoraLoader",
           "_meta": {"title": "Load LoRA"}},
    "11": {"inputs": {"lora_name": "film_grain.safetensors", "strength_model": 0.35, "strength_clip": 1,
                      "model": ["10", 0], "clip": ["10", 1]}, "class_type": "LoraLoader",
           "_meta": {"title": "Load LoRA"}},
}


def node(nid, ntype, pos, inputs, outputs, widgets, order):
    return {"id": nid, "type": ntype, "pos": pos, "size": [315, 98], "flags": {}, "order": order, "mode": 0,
            "inputs": inputs, "outputs": outputs, "properties": {"Node name for S&R": ntype},
            "widgets_values": widgets}


comfy_workflow = {
    "last_node_id": 11, "last_link_id": 14,
    "nodes": [
        node(4, "CheckpointLoaderSimple", [26, 474], [], [
            {"name": "MODEL", "type": "MODEL", "links": [10], "slot_index": 0},
            {"name": "CLIP", "type": "CLIP", "links": [11], "slot_index": 1},
            {"name": "VAE", "type": "VAE", "links": [8], "slot_index": 2}], ["sdxl/juggernautXL_v9.safetensors"], 0),
        node(10, "LoraLoader", [380, 474], [{"name": "model", "type": "MODEL", "link": 10},
                                            {"name": "clip", "type": "CLIP", "link": 11}],
             [{"name": "MODEL", "type": "MODEL", "links": [12], "slot_index": 0},
              {"name": "CLIP", "type": "CLIP", "links": [13], "slot_index": 1}],
             ["inkwash_texture_v3.safetensors", 0.8, 0.8], 1),
        node(11, "LoraLoader", [700, 474], [{"name": "model", "type": "MODEL", "link": 12},
                                            {"name": "clip", "type": "CLIP", "link": 13}],
             [{"name": "MODEL", "type": "MODEL", "links": [1], "slot_index": 0},
              {"name": "CLIP", "type": "CLIP", "links": [3, 5], "slot_index": 1}],
             ["film_grain.safetensors", 0.35, 1], 2),
        node(6, "CLIPTextEncode", [415, 186], [{"name": "clip", "type": "CLIP", "link": 3}],
             [{"name": "CONDITIONING", "type": "CONDITIONING", "links": [4], "slot_index": 0}],
             [comfy_prompt["6"]["inputs"]["text"]], 3),
        node(7, "CLIPTextEncode", [413, 389], [{"name": "clip", "type": "CLIP", "link": 5}],
             [{"name": "CONDITIONING", "type": "CONDITIONING", "links": [6], "slot_index": 0}],
             [comfy_prompt["7"]["inputs"]["text"]], 4),
        node(5, "EmptyLatentImage", [473, 609], [],
             [{"name": "LATENT", "type": "LATENT", "links": [2], "slot_index": 0}], [832, 1216, 1], 5),
        node(3, "KSampler", [863, 186], [{"name": "model", "type": "MODEL", "link": 1},
                                         {"name": "positive", "type": "CONDITIONING", "link": 4},
                                         {"name": "negative", "type": "CONDITIONING", "link": 6},
                                         {"name": "latent_image", "type": "LATENT", "link": 2}],
             [{"name": "LATENT", "type": "LATENT", "links": [7], "slot_index": 0}],
             [1039481773, "fixed", 28, 6.5, "dpmpp_2m", "karras", 1], 6),
        node(8, "VAEDecode", [1209, 188], [{"name": "samples", "type": "LATENT", "link": 7},
                                          {"name": "vae", "type": "VAE", "link": 8}],
             [{"name": "IMAGE", "type": "IMAGE", "links": [9], "slot_index": 0}], [], 7),
        node(9, "SaveImage", [1451, 189], [{"name": "images", "type": "IMAGE", "link": 9}], [], ["ComfyUI"], 8),
    ],
    "links": [[1, 11, 0, 3, 0, "MODEL"], [2, 5, 0, 3, 3, "LATENT"], [3, 11, 1, 6, 0, "CLIP"],
              [4, 6, 0, 3, 1, "CONDITIONING"], [5, 11, 1, 7, 0, "CLIP"], [6, 7, 0, 3, 2, "CONDITIONING"],
              [7, 3, 0, 8, 0, "LATENT"], [8, 4, 2, 8, 1, "VAE"], [9, 8, 0, 9, 0, "IMAGE"],
              [10, 4, 0, 10, 0, "MODEL"], [11, 4, 1, 10, 1, "CLIP"], [12, 10, 0, 11, 0, "MODEL"],
              [13, 10, 1, 11, 1, "CLIP"]],
    "groups": [], "config": {}, "extra": {"ds": {"scale": 1, "offset": [0, 0]}}, "version": 0.4,
}

invokeai = {
    "generation_mode": "sdxl_txt2img",
    "positive_prompt": "a paper lantern festival over a canal at night, reflections, bokeh",
    "negative_prompt": "blurry, lowres, watermark",
    "width": 1024, "height": 1024, "seed": 2718281828, "rand_device": "cpu", "cfg_scale": 7.5,
    "cfg_rescale_multiplier": 0.0, "steps": 30, "scheduler": "dpmpp_2m_k",
    "model": {"key": "3e5f0c2a-8d1b-4c7e-9a6f-2b4d6e8f0a1c", "hash": BLAKE3_MODEL,
              "name": "Juggernaut XL v9", "base": "sdxl", "type": "main"},
    "loras": [{"model": {"key": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "hash": BLAKE3_LORA,
                         "name": "paper_lanterns_xl", "base": "sdxl", "type": "lora"}, "weight": 0.75}],
    "positive_style_prompt": "a paper lantern festival over a canal at night, reflections, bokeh",
    "negative_style_prompt": "blurry, lowres, watermark",
    "app_version": "4.2.9",
}

novelai = {
    "prompt": "1girl, silver hair, reading in a library, soft window light, very aesthetic, masterpiece",
    "steps": 28, "height": 1216, "width": 832, "scale": 5.0, "uncond_scale": 0.0, "cfg_rescale": 0.0,
    "seed": 3141592653, "n_samples": 1, "hide_debug_overlay": False, "noise_schedule": "karras",
    "legacy_v3_extend": False, "reference_information_extracted_multiple": [],
    "reference_strength_multiple": [], "sampler": "k_euler_ancestral", "controlnet_strength": 1.0,
    "controlnet_model": None, "dynamic_thresholding": False, "dynamic_thresholding_percentile": 0.999,
    "dynamic_thresholding_mimic_scale": 10.0, "sm": False, "sm_dyn": False, "skip_cfg_above_sigma": None,
    "skip_cfg_below_sigma": 0.0, "lora_unet_weights": None, "lora_clip_weights": None,
    "deliberate_euler_ancestral_bug": False, "prefer_brownian": True, "cfg_sched_eligibility": "enable_for_post_summer_samplers",
    "explike_fine_detail": False, "minimize_sigma_inf": False, "uncond_per_vibe": True, "wonky_vibe_correlation": True,
    "version": 1, "uc": "lowres, bad anatomy, bad hands, text, error, worst quality", "request_type": "PromptGenerateRequest",
    "signed_hash": "g1uXwH8qQ0l3r9Jm2f5dYV1Zp8N4kT7sBc6aE0hRjL9oMuW3yXvP2iK5nQ8tD1gF4sA7zC0bH3eJ6lO9rU2wY5xA==",
}

a1111_civitai = (
    "cinematic still of a lighthouse keeper's cottage in a storm, rain on the windows, warm lamp light, "
    "<lora:storm_light_xl:0.6>\n"
    "Negative prompt: cartoon, painting, lowres, watermark\n"
    "Steps: 32, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 5.5, Seed: 424242, Size: 832x1216, "
    "Model hash: 1fe6c7ec54, Model: juggernautXL_v9, Lora hashes: \"storm_light_xl: 9a8b7c6d5e4f\", "
    "Version: f2.0.1v1.10.1-previous-519-g44eb4ea8, "
    "Civitai resources: [{\"type\":\"checkpoint\",\"modelVersionId\":288982,\"modelName\":\"Juggernaut XL\","
    "\"modelVersionName\":\"V9 + RDPhoto2-Lightning_4S\",\"air\":\"urn:air:sdxl:checkpoint:civitai:133005@288982\"},"
    "{\"type\":\"lora\",\"weight\":0.6,\"modelVersionId\":368189,\"modelName\":\"Storm Light XL\","
    "\"modelVersionName\":\"v1.0\",\"air\":\"urn:air:sdxl:lora:civitai:328553@368189\"}], "
    "Civitai metadata: {}"
)

open("meta/comfyui-prompt.json", "w").write(json.dumps(comfy_prompt) + "\n")
open("meta/comfyui-workflow.json", "w").write(json.dumps(comfy_workflow) + "\n")
open("meta/invokeai-metadata.json", "w").write(json.dumps(invokeai, separators=(",", ":")) + "\n")
open("meta/novelai-comment.json", "w").write(json.dumps(novelai) + "\n")
open("meta/novelai-description.txt", "w").write(novelai["prompt"] + "\n")
open("meta/a1111-civitai.txt", "w").write(a1111_civitai + "\n")
