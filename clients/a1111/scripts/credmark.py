"""credmark for AUTOMATIC1111 / Forge: stamps every saved image with Content Credentials.

Follows AUTOMATIC1111/stable-diffusion-webui's modules/script_callbacks.py (read at commit 7ead7f2:
``on_ui_settings``; ``on_image_saved`` with ``ImageSaveParams``, whose ``filename`` is the file as saved and
``pnginfo["parameters"]`` its infotext; registration keeps this form through v1.10.1, which adds an optional
``name=``) and modules/options.py at 598aef8 (``OptionInfo(default, label, component, component_args,
section=…)``, ``opts.add_option``, both reached through modules/shared.py since v1.6).
Only this file imports the web UI; the work is in credmark_a1111.py.
"""

import gradio as gr

import credmark_a1111
from modules import script_callbacks, shared


def on_ui_settings():
    for option in credmark_a1111.OPTIONS:
        component, args = None, None  # A1111 picks a checkbox or a textbox from the default
        if option.choices:
            component, args = gr.Radio, {"choices": list(option.choices)}
        elif option.key == "credmark_model_map":
            component, args = gr.Textbox, {"lines": 4}
        shared.opts.add_option(option.key, shared.OptionInfo(option.default, option.label, component, args,
                                                             section=credmark_a1111.SECTION))


def on_image_saved(params):
    infotext = (params.pnginfo or {}).get("parameters")
    credmark_a1111.stamp_saved_image(params.filename, infotext, credmark_a1111.Settings.from_options(shared.opts))


script_callbacks.on_ui_settings(on_ui_settings)
script_callbacks.on_image_saved(on_image_saved)
