"""Writing stamped files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile


def write_atomically(path: str | os.PathLike[str], data: bytes, *, exclusive: bool = False,
                     mode: int = 0o644) -> None:
    """Writes ``data`` to ``path`` through a temporary file in the same directory, renamed over it once complete.

    With ``exclusive`` an existing file is never replaced (``FileExistsError``), for new outputs named by a counter.
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".credmark-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if exclusive:
            # link() fails if the name exists, unlike rename(): no output of another writer is lost
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def replace_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replaces the file at ``path`` with ``data``, keeping its permission bits."""
    write_atomically(path, data, mode=os.stat(path).st_mode & 0o7777)
