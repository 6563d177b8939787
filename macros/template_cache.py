"""Compiled Jinja templates kept between builds, in a folder no pull request can write.

Compiling the theme's and the book's templates costs every build about 0.3 s. Jinja can keep the
compiled code, but as marshalled Python: whoever writes that folder runs code in the next build.
So it is never in the checkout (`.cache/` included: `git add -f` commits an ignored file). It is
Jinja's own per-user folder in the system's temporary directory, which Jinja creates with mode 0700
and refuses when another user owns it or may write to it. A fresh machine (CI) starts empty.
"""

from __future__ import annotations

import os

from jinja2 import BytecodeCache, FileSystemBytecodeCache


def compiled_template_cache() -> BytecodeCache | None:
    """Jinja's per-user cache, or None (compile every build) when that folder is not safe to use."""
    if os.name != "posix":  # elsewhere Jinja would share the temporary directory itself
        return None
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder unsafe
        return None
