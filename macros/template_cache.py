"""Compiled Jinja templates kept between builds, in a folder no pull request can write.

Compiling the theme's and the book's templates costs every build about 0.3 s. Jinja can keep the
compiled code, but as marshalled Python: whoever writes that folder runs code in the next build.
So it is never in the checkout (`.cache/` included: `git add -f` commits an ignored file). It is
Jinja's own per-user folder in the system's temporary directory, which Jinja creates with mode 0700
and refuses when another user owns it or may write to it. A fresh machine (CI) starts empty.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache

# The checkout, where everything arrives through pull requests.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# What decides a template's compiled code besides its source. Jinja finds kept code by the template's
# name and source only (pallets/jinja#1738): after a change to these (the book's environment in
# macros/render/__init__.py) a build went on rendering what the old settings compiled, while CI,
# starting empty, rendered the new.
_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline",
             "optimized", "is_async")


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's per-user cache, each template kept under its name, its file and its settings."""

    def get_bucket(self, environment, name, filename, source):
        # The name is only the key here: with the settings in it, other settings find no code.
        return super().get_bucket(environment, f"{name}\n{_compiled_with(environment, name)}", filename, source)


def _compiled_with(environment: jinja2.Environment, name: str) -> str:
    # Autoescaping is decided when compiling, for each template name when it is a function.
    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    finalize = environment.finalize
    return repr((jinja2.__version__, type(environment).__module__, type(environment).__qualname__,
                 sorted(environment.extensions), [getattr(environment, setting) for setting in _SETTINGS],
                 bool(autoescape), None if finalize is None else getattr(finalize, "jinja_pass_arg", "plain")))


def compiled_template_cache() -> BytecodeCache | None:
    """Jinja's per-user cache, or None (compile every build) when that folder is not safe to use."""
    if os.name != "posix":  # elsewhere Jinja would share the temporary directory itself
        return None
    try:
        cache = _CompiledTemplates()
    except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder unsafe
        return None
    # TMPDIR may lie in the checkout (a CI's workspace/tmp): there a pull request can commit the folder
    # (its name is known), git creates it as the builder's own and Jinja's checks pass.
    if Path(cache.directory).resolve().is_relative_to(PROJECT_ROOT):
        return None
    return cache
