"""Client for the credmark service: stamp generated PNG and JPEG images with Content Credentials, verify them.

    from credmark_client import Client
    client = Client("http://localhost:8080", api_key=os.environ["CREDMARK_API_KEY"])
    stamped = client.stamp("out.png", {"creator": {"handle": "mirelle.ink"}, "model": {"name": "Inkwash XL"}})
"""

__version__ = "0.1.0"

from .client import Client, CredmarkError, Stamped, read_image, sniff_media_type  # noqa: E402
from .files import replace_atomically, write_atomically  # noqa: E402
from .options import MARKER_CHOICES, WATERMARK_CHOICES, stamp_options  # noqa: E402

__all__ = ["Client", "CredmarkError", "Stamped", "read_image", "sniff_media_type", "replace_atomically",
           "write_atomically", "MARKER_CHOICES", "WATERMARK_CHOICES", "stamp_options", "__version__"]
