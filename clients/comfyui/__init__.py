"""credmark for ComfyUI: "Save Image with Content Credentials (credmark)".

ComfyUI imports this folder from custom_nodes/ as a package (nodes.py ``load_custom_node`` at
comfyanonymous/ComfyUI e60e19b) and registers what ``NODE_CLASS_MAPPINGS`` and ``NODE_DISPLAY_NAME_MAPPINGS`` name.
"""

from .node import SaveImageWithCredentials

NODE_CLASS_MAPPINGS = {"CredmarkSaveImage": SaveImageWithCredentials}
NODE_DISPLAY_NAME_MAPPINGS = {"CredmarkSaveImage": "Save Image with Content Credentials (credmark)"}

__all__ = ["NODE_CLASS_MAPPINGS", "NODE_DISPLAY_NAME_MAPPINGS"]
