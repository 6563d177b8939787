"""Compiled templates are kept between builds only where no pull request can write (macros/template_cache.py)."""

from __future__ import annotations

import importlib.util
import os
import stat
import tempfile
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from mkdocs.config import load_config
from mkdocs.theme import Theme

from macros.render import environment
from macros.template_cache import compiled_template_cache

ROOT = Path(__file__).resolve().parent.parent
posix_only = pytest.mark.skipif(os.name != "posix", reason="the cache is used on POSIX systems only")


def _hook():
    spec = importlib.util.spec_from_file_location("generate_pages", ROOT / "overrides" / "hooks" / "generate_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


@posix_only
def test_the_cache_is_a_private_folder_outside_the_checkout(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cache = compiled_template_cache()
    folder = Path(cache.directory)
    assert folder.parent == tmp_path and ROOT not in folder.resolve().parents
    status = folder.lstat()
    assert stat.S_ISDIR(status.st_mode) and stat.S_IMODE(status.st_mode) == 0o700
    assert status.st_uid == os.getuid()


@posix_only
def test_a_folder_planted_in_its_place_is_not_used(monkeypatch, tmp_path):
    """A symlink to a folder someone else fills (here: the checkout's .cache) means no cache at all."""
    planted = tmp_path / "planted"
    planted.mkdir(mode=0o700)
    (tmp_path / f"_jinja2-cache-{os.getuid()}").symlink_to(planted, target_is_directory=True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert compiled_template_cache() is None


@posix_only
def test_the_book_and_the_theme_compile_through_it(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    theme, made = Theme(name="material"), []
    make_environment = theme.get_env
    theme.get_env = lambda: made.append("environment") or make_environment()
    hook = _hook()
    hook._theme_compiled_once(theme)
    wrapped = theme.get_env
    hook._theme_compiled_once(theme)  # a second on_config for the same config wraps nothing twice
    assert theme.get_env is wrapped
    # The build's environment and the print plugin's (it makes its own for the print page).
    build, print_page = theme.get_env(), theme.get_env()
    assert made == ["environment", "environment"]
    assert isinstance(build.bytecode_cache, FileSystemBytecodeCache)
    assert isinstance(print_page.bytecode_cache, FileSystemBytecodeCache)
    assert isinstance(environment().bytecode_cache, FileSystemBytecodeCache)
    # What is kept is found again: a second environment loads the compiled template, not the source.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("{{ 1 + 1 }}", encoding="utf-8")
    first = Environment(loader=FileSystemLoader(templates), bytecode_cache=compiled_template_cache())
    assert first.get_template("page.md.j2").render() == "2"
    kept = list(Path(first.bytecode_cache.directory).iterdir())
    assert len(kept) == 1
    second = Environment(loader=FileSystemLoader(templates), bytecode_cache=compiled_template_cache())
    monkeypatch.setattr(Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("page.md.j2").render() == "2"


@posix_only
def test_the_hook_gives_the_cache_to_every_environment_of_the_build_theme(monkeypatch, tmp_path):
    """Through on_config, on the theme of the real mkdocs.yml: the environment MkDocs builds with and
    the one mkdocs-print-site-plugin makes in its on_post_build (`config["theme"].get_env()`)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    config = load_config(str(ROOT / "mkdocs.yml"))
    hook = next(plugin for name, plugin in config.plugins.items() if name.endswith("generate_pages.py"))
    monkeypatch.setattr(hook, "Background", lambda parts: None)  # no page generator for this test
    assert config.theme.get_env().bytecode_cache is None
    hook.on_config(config)
    for env in (config.theme.get_env(), config["theme"].get_env()):
        assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)
        assert Path(env.bytecode_cache.directory).parent == tmp_path


# Settings that change what a template compiles to: its output differs under each of them.
SETTINGS = [{}, {"trim_blocks": True}, {"trim_blocks": True, "lstrip_blocks": True},
            {"keep_trailing_newline": True}, {"autoescape": True},
            {"comment_start_string": "{##", "comment_end_string": "##}"}]


@posix_only
def test_a_template_compiled_under_other_settings_is_not_reused(monkeypatch, tmp_path):
    """Jinja keeps compiled code by template name and source only (pallets/jinja#1738): after a change
    to an environment's settings (the book's in macros/render/__init__.py), a build must not go on
    rendering what the old settings compiled (while CI, starting empty, renders the new)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text('  {% if true %}\n{{ "<b>" }}\n  {% endif %}\n{##a##}{#b#}\n',
                                          encoding="utf-8")
    expected = [Environment(loader=FileSystemLoader(templates), **settings).get_template("page.md.j2").render()
                for settings in SETTINGS]
    assert len(set(expected)) == len(SETTINGS)  # each setting matters to this template
    for settings, output in zip(SETTINGS, expected):
        cached = Environment(loader=FileSystemLoader(templates), bytecode_cache=compiled_template_cache(),
                             **settings)
        assert cached.get_template("page.md.j2").render() == output, settings


@posix_only
def test_no_cache_when_the_temporary_directory_is_in_the_checkout(monkeypatch, tmp_path):
    """TMPDIR inside the checkout (a CI's workspace/tmp): a pull request could commit the folder, its
    name known in advance, and git would create it as the builder's own (Jinja then makes it 0700 itself)."""
    import macros.template_cache

    checkout = tmp_path / "checkout"
    committed = checkout / "tmp" / f"_jinja2-cache-{os.getuid()}"
    committed.mkdir(parents=True, mode=0o755)
    monkeypatch.setattr(macros.template_cache, "PROJECT_ROOT", checkout)
    monkeypatch.setattr(tempfile, "tempdir", str(checkout / "tmp"))
    assert compiled_template_cache() is None
