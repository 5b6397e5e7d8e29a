"""The ComfyUI node: its inputs as ComfyUI declares them, and the two ComfyUI modules it needs.

Follows ComfyUI's own SaveImage (nodes.py at comfyanonymous/ComfyUI e60e19b): the ``IMAGE`` batch, a
``filename_prefix``, the hidden ``PROMPT`` and ``EXTRA_PNGINFO`` inputs (plus ``UNIQUE_ID``, this node's id in the
graph, to find the sampler upstream of it), ``folder_paths.get_save_image_path`` for names (folder_paths.py,
read at 2bc12d3: ``(full_output_folder, filename, counter, subfolder, filename_prefix)``) and
``comfy.cli_args.args.disable_metadata`` for ``--disable-metadata``. Those are imported where they are used, so
the rest of the package loads without ComfyUI.
"""

from __future__ import annotations

from typing import Any

from credmark_client import MARKER_CHOICES, WATERMARK_CHOICES, Client

from . import settings
from .saving import Attribution, OutputPlace, save_batch, summary


class SaveImageWithCredentials:
    @classmethod
    def INPUT_TYPES(cls) -> dict[str, Any]:  # noqa: N802 (ComfyUI's name)
        return {
            "required": {
                "images": ("IMAGE", {"tooltip": "The images to stamp and save."}),
                "filename_prefix": ("STRING", {"default": "ComfyUI", "tooltip": "As for Save Image."}),
                "creator_handle": ("STRING", {"default": "", "tooltip": "The model creator's handle."}),
                "model_name": ("STRING", {"default": "", "tooltip": "The model's name; empty: the checkpoint's."}),
                "registered_model": ("STRING", {"default": "", "tooltip": "HANDLE:SLUG of a registered model; "
                                                "replaces creator and model."}),
                "marker": (list(MARKER_CHOICES), {"default": "none", "tooltip": "The visible attribution mark."}),
                "watermark": (list(WATERMARK_CHOICES), {"default": "auto",
                                                        "tooltip": "The invisible watermark."}),
            },
            "hidden": {"prompt": "PROMPT", "extra_pnginfo": "EXTRA_PNGINFO", "unique_id": "UNIQUE_ID"},
        }

    RETURN_TYPES = ("STRING",)
    RETURN_NAMES = ("credentials",)
    FUNCTION = "save_images"
    OUTPUT_NODE = True
    CATEGORY = "image"
    DESCRIPTION = ("Saves the images to the output directory, each with signed Content Credentials from a credmark "
                   "service (C2PA).")

    def save_images(self, images, filename_prefix="ComfyUI", creator_handle="", model_name="", registered_model="",
                    marker="none", watermark="auto", prompt=None, extra_pnginfo=None, unique_id=None):
        import folder_paths
        from comfy.cli_args import args

        connection = settings.connection()
        folder, filename, counter, subfolder, _ = folder_paths.get_save_image_path(
            filename_prefix, folder_paths.get_output_directory(), images[0].shape[1], images[0].shape[0])
        results = save_batch(Client(connection.url, connection.api_key), images,
                             OutputPlace(folder, filename, counter, subfolder),
                             Attribution(creator_handle, model_name, registered_model), marker=marker,
                             watermark=watermark, prompt=prompt, extra_pnginfo=extra_pnginfo,
                             node_id=None if unique_id is None else str(unique_id),
                             metadata_disabled=bool(args.disable_metadata))
        return {"ui": {"images": [{k: r[k] for k in ("filename", "subfolder", "type")} for r in results],
                       "text": [summary(results)]},
                "result": (summary(results),)}
