"""Load and validate everything in data/: one strict pass that reports every problem.

Knows nothing of MkDocs, so the same loader serves the build, the tests and
`python -m macros.check`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError

from .models import Differential, Entity, Flow, Glossary, GlossaryTerm
from .problems import DataError, Problem, did_you_mean
from .text_types import TextError
from .code_lists import check_codes
from .flow_checks import check_flows
from .references import check_references
from .yaml_source import SourceFile, read_yaml


@dataclass(frozen=True)
class Book:
    """All validated data, keyed by id, in a stable order."""

    entities: dict[str, Entity]
    differentials: dict[str, Differential]
    flows: dict[str, Flow]
    sources: dict[tuple[str, str], SourceFile]
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    unreadable: frozenset[str] = frozenset()  # ids whose files failed to load
    docs_dir: Path | None = None  # where image files live; None when there is no docs/ beside data/

    @cached_property
    def lists_filed_under(self) -> dict[str, list[str]]:
        """Parent list -> the lists filed under it (`parent:`), asked for thousands of times by the
        flow checks."""
        children: dict[str, list[str]] = {}
        for child_id, child in self.differentials.items():
            if child.parent:
                children.setdefault(child.parent, []).append(child_id)
        return children

    @cached_property
    def list_members(self) -> dict[str, frozenset[str]]:
        """List id -> every entity it holds: its items, the lists it names, the lists filed under it
        (see flow_routes.members), worked out once: the flow checks ask tens of thousands of times."""
        from .flow_routes import gathered_members  # flow_routes imports this module

        return {list_id: frozenset(gathered_members(self, list_id)) for list_id in self.differentials}

    @cached_property
    def lists_sound(self) -> bool:
        """Every file read and every list item naming an entity that exists. Until then who is listed
        where is unknown: an entity 'in no list' or 'reached by no route' would be a false alarm, most
        often the entity a mistyped item meant (the item's own problem says so)."""
        return not self.unreadable and all(
            item.entity in self.entities for differential in self.differentials.values()
            for item in differential.all_items() if item.entity)

    def source_path(self, kind: str, id_: str) -> str:
        """Repository-relative path of the YAML file an entity or differential came from."""
        return self.sources[(kind, id_)].path


MODELS: dict[str, type[BaseModel]] = {
    "entities": Entity, "differentials": Differential, "flows": Flow,
}


def load_book(data_dir: Path) -> Book:
    """Read data_dir; raise DataError listing every problem if anything is wrong."""
    problems: list[Problem] = []
    loaded: dict[str, dict[str, Any]] = {}
    sources: dict[tuple[str, str], SourceFile] = {}
    unreadable: set[str] = set()
    for kind, model in MODELS.items():
        loaded[kind] = {}
        for path in _data_files(data_dir / kind, problems, data_dir):
            shown_as = _shown_path(path, data_dir)
            result = _load_one(path, shown_as, model)
            if isinstance(result, list):
                problems.extend(result)
                unreadable.add(path.stem)
                continue
            source, record = result
            loaded[kind][path.stem] = record
            sources[(kind, path.stem)] = source
    problems.extend(_unexpected_files(data_dir))
    glossary = _load_glossary(data_dir, problems, sources)
    docs_dir = data_dir.parent / "docs"
    book = Book(loaded["entities"], loaded["differentials"], loaded["flows"], sources,
                glossary, frozenset(unreadable), docs_dir if docs_dir.is_dir() else None)
    problems.extend(check_references(book))
    problems.extend(check_flows(book))
    problems.extend(check_codes(book))
    if problems:
        raise DataError(problems)
    return book


GLOSSARY = "glossary.yml"


def _load_glossary(data_dir: Path, problems: list[Problem],
                   sources: dict[tuple[str, str], SourceFile]) -> dict[str, GlossaryTerm]:
    """data/glossary.yml: a mapping of term → entry (the mapping is the `terms` of the model)."""
    path = data_dir / GLOSSARY
    if not path.exists() and not path.is_symlink():
        return {}
    shown_as = _shown_path(path, data_dir)
    try:
        source = read_yaml(path, shown_as)
    except Exception as error:  # noqa: BLE001 — as _load_one: a located message, never a traceback
        problems.extend(_unreadable(shown_as, error))
        return {}
    if isinstance(source, Problem):
        problems.append(source)
        return {}
    try:
        glossary = Glossary.model_validate({"terms": source.data})
    except ValidationError as error:
        problems.extend(_glossary_problems(source, error))
        return {}
    sources[("glossary", "glossary")] = source
    return glossary.terms


def _glossary_problems(source: SourceFile, error: ValidationError) -> list[Problem]:
    try:
        return [_validation_problem(source, {**detail, "loc": detail["loc"][1:]},  # no `terms` level
                                    GlossaryTerm, keyed_by=1) for detail in error.errors()]
    except Exception as failure:  # noqa: BLE001 — as _load_one: locating a mistake must not crash the build
        return _unreadable(source.path, failure)


def _data_files(folder: Path, problems: list[Problem], data_dir: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        if folder.is_symlink():
            problems.append(Problem(_shown_path(folder, data_dir), 1, 1,
                                    "a symbolic link is not a data folder", "replace it by the folder"))
        return []
    files = []
    for path in sorted(folder.iterdir()):
        shown = _shown_path(path, data_dir)
        if path.name.startswith(".") and path.suffix != ".yml":
            continue  # .gitkeep, .DS_Store; a hidden `.x.yml` is reported below, not lost
        if path.is_dir() and not path.is_symlink():
            # A file in a subfolder would never be read: say so rather than lose it.
            problems.append(Problem(shown, 1, 1, f"folder '{path.name}' is not read: data files sit "
                                    f"directly in {folder.name}/", f"move its files up into data/{folder.name}/"))
        elif path.suffix == ".yml":
            files.append(path)  # read_yaml refuses links, devices and oversized files
        else:
            # A `.yaml` or `.txt` file would never be read: say so rather than lose it.
            problems.append(Problem(shown, 1, 1, f"'{path.name}' is not read: data files end in .yml",
                                    f"rename it to `{path.stem}.yml`"))
    return files


# What data/ may hold besides the three record folders; anything else would be silently ignored.
EXPECTED_IN_DATA = {"README.md", "glossary.yml", "schema"}


def _unexpected_files(data_dir: Path) -> list[Problem]:
    expected = EXPECTED_IN_DATA | set(MODELS)
    return [Problem(_shown_path(path, data_dir), 1, 1, f"'{path.name}' is not read by the book",
                    "entities go in data/entities/, lists in data/differentials/, flows in "
                    "data/flows/, terms in data/glossary.yml")
            for path in sorted(data_dir.iterdir())
            if path.name not in expected and not path.name.startswith(".")]


def _shown_path(path: Path, data_dir: Path) -> str:
    return (Path(data_dir.name) / path.relative_to(data_dir)).as_posix()


def _load_one(path: Path, shown_as: str, model: type[BaseModel]):
    try:
        return _validated(path, shown_as, model)
    except Exception as error:  # noqa: BLE001 — a contributor gets a located message, never a traceback
        return _unreadable(shown_as, error)


def _unreadable(shown_as: str, error: Exception) -> list[Problem]:
    return [Problem(shown_as, 1, 1, f"the file could not be read ({type(error).__name__}: {error})",
                    "check the file against data/README.md; if it looks right, open an issue")]


def _validated(path: Path, shown_as: str, model: type[BaseModel]):
    source = read_yaml(path, shown_as)
    if isinstance(source, Problem):
        return [source]
    problems = _id_problems(source, path.stem)
    try:
        record = model.model_validate(source.data)
    except ValidationError as error:
        if moved := _in_the_wrong_folder(source, path, model):
            return problems + [moved]
        return problems + [_validation_problem(source, detail, model) for detail in error.errors()]
    return problems or (source, record)


def _in_the_wrong_folder(source: SourceFile, path: Path, model: type[BaseModel]) -> Problem | None:
    """An entity saved in differentials/ (or any record in another kind's folder): one line saying
    where it belongs, not a dozen unknown fields."""
    fields = set(source.data) if isinstance(source.data, dict) else set()
    if len(fields - set(model.model_fields)) < 2:
        return None  # a typo or two: the field-by-field problems say more
    for folder, other in MODELS.items():
        if other is not model and fields <= set(other.model_fields):
            here = path.parent.name
            return Problem(source.path, 1, 1,
                           f"this file's fields are those of data/{folder}/, not of data/{here}/",
                           f"move it to data/{folder}/{path.name}")
    return None


# The book's own pages in the record folders: a record with one of these ids would overwrite them.
RESERVED_IDS = {"index", "print-page", "print_page", "404", "search", "assets", "downloads"}


def _id_problems(source: SourceFile, stem: str) -> list[Problem]:
    problems = []
    if not _is_valid_id(stem):
        problems.append(Problem(source.path, 1, 1, f"file name '{stem}' is not a valid id",
                                "use lower-case words joined by hyphens, e.g. `tumoral-calcinosis.yml`"))
    elif stem in RESERVED_IDS:
        problems.append(Problem(source.path, 1, 1, f"'{stem}' is a page name the book itself uses",
                                f"name the file after what it describes, e.g. `{stem}-calcification.yml`"))
    written = source.data.get("id")
    if written is not None and written != stem:
        line, column = source.line_of(("id",))
        problems.append(Problem(source.path, line, column,
                                f"id '{written}' does not match the file name '{stem}'",
                                f"write `id: {stem}`, or delete the id line (the file name is the id)"))
    return problems


def _is_valid_id(stem: str) -> bool:
    from .models import ID_PATTERN

    return re.match(ID_PATTERN, stem) is not None


def _validation_problem(source: SourceFile, detail: dict, model: type[BaseModel],
                        keyed_by: int = 0) -> Problem:
    """`keyed_by`: how many leading steps of the location are mapping keys, not field names."""
    location = tuple(step for step in detail["loc"] if not isinstance(step, str) or step)
    kind = detail["type"]
    field = _field_name(location, source)
    line, column = source.line_of(location)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, location[keyed_by:-1])
        suggestion = did_you_mean(str(location[-1]), allowed)
        hint = suggestion or f"allowed fields here: {', '.join(sorted(allowed))}"
        return Problem(source.path, line, column, f"unknown field '{location[-1]}'", hint)
    if kind == "invalid_key":  # a field name YAML read as a number, yes/no or date (`1.10:`)
        allowed = _allowed_fields(model, location[keyed_by:-1])
        typed = source.steps_as_written(location)[-1]
        return Problem(source.path, line, column, f"unknown field '{typed}'",
                       f"allowed fields here: {', '.join(sorted(allowed))}")
    if kind == "missing":
        return Problem(source.path, line, column, f"missing required field '{field}'",
                       f"add a line `{location[-1]}: ...` (see data/README.md)")
    if kind in {"enum", "literal_error"}:
        allowed = re.findall(r"'([^']+)'", detail["ctx"]["expected"])
        typed = _as_typed(source, location, detail["input"])
        suggestion = did_you_mean(typed, allowed)
        return Problem(source.path, line, column, f"'{field}': '{typed}' is not an allowed value",
                       f"{suggestion + ' ' if suggestion else ''}use one of: {detail['ctx']['expected']}")
    if kind.startswith("date"):
        return Problem(source.path, line, column,
                       f"'{field}': '{_as_typed(source, location, detail['input'])}' is not a date",
                       "write the date as YYYY-MM-DD, e.g. `2026-12-02`")
    if kind == "string_pattern_mismatch":
        return Problem(source.path, line, column, f"'{field}': '{detail['input']}' is malformed",
                       _pattern_hint(location))
    if kind == "string_type" and location[-1:] == ("[key]",):  # `1.5:` `true:` `~:` as a name
        typed = source.steps_as_written(location)[-2]
        return _not_text(source, line, column, field, detail["input"], typed)
    if kind == "string_type" and detail["input"] is not None:
        return _not_text(source, line, column, field, detail["input"], source.scalar_as_typed(location),
                         location)
    if kind in {"model_type", "dict_type"} and isinstance(detail["input"], str):
        if len(location) >= 2 and location[-2] == "items":
            hint = f"write `- entity: {detail['input']}` (or `- differential: {detail['input']}` for a list)"
        else:
            hint = "write its fields as `field: value` lines indented under it (see data/README.md)"
        return Problem(source.path, line, column,
                       f"'{field}': '{detail['input']}' has no field name", hint)
    error = detail.get("ctx", {}).get("error")
    if isinstance(error, TextError):
        return Problem(source.path, line, column, f"'{field}': {error.message}", error.hint)
    message = detail["msg"].removeprefix("Value error, ")
    where = f"'{field}': " if location else ""
    return Problem(source.path, line, column, f"{where}{message}", _type_hint(kind))


def _field_name(location: tuple, source: SourceFile) -> str:
    """The field as a contributor finds it: list items counted from 1, as they are read, and mapping
    keys as they were typed (`1.5`, not pydantic's '1.5' or a parser's 1.5). A key that is itself
    wrong is shown as the key (pydantic adds a step `[key]` after it)."""
    steps = []
    for step, written in zip(location, source.steps_as_written(location)):
        if step == "[key]":
            continue
        if written is None:  # not in the file (a missing field): only the step itself can say
            written = step if isinstance(step, str) else f"item {step + 1}"
        steps.append(f"item {written + 1}" if isinstance(written, int) else written)
    return " › ".join(steps) or "(file)"


def _as_typed(source: SourceFile, location: tuple, value: Any) -> str:
    """A value YAML read as a number or a date, as the contributor typed it (`1.10`, not 1.1)."""
    if isinstance(value, (int, float, datetime.date)):  # bool is an int
        return source.scalar_as_typed(location) or str(value)
    return str(value)


def _not_text(source: SourceFile, line: int, column: int, field: str, value: Any,
              typed: Any = None, location: tuple = ()) -> Problem:
    """Text that YAML read as something else: a `key: value` pair, a date, a number or a list.
    `typed`: the text as the file has it, where the value read from it would be shown otherwise."""
    shown = value if typed is None else typed
    if value is None:
        return Problem(source.path, line, column, f"'{field}': {shown} was read as no value, not as "
                       "text", f"put it in double quotes: \"{shown}\"")
    if isinstance(value, dict) and len(value) == 1:
        (key, rest), = value.items()
        text = source.line_as_typed(location) or f"{key}: {rest}"
        shown = text if len(text) <= 60 else f"{text[:50]}…"
        shown = shown.replace("\\", "\\\\").replace('"', '\\"')  # as written inside double quotes
        return Problem(source.path, line, column,
                       f"'{field}': the text was read as `field: value` because it contains ': '",
                       f"put the whole text in double quotes: \"{shown}\"")
    if isinstance(value, list):
        return Problem(source.path, line, column, f"'{field}': a list where one line of text belongs",
                       "write the text on the same line as the field name, without `- ` or [ ]")
    if isinstance(value, bool):
        return Problem(source.path, line, column, f"'{field}': {shown} was read as yes/no (true or "
                       "false), not as text", f"put it in double quotes: \"{shown}\"")
    if isinstance(value, (int, float, datetime.date)):
        return Problem(source.path, line, column, f"'{field}': {shown} was read as a number or a "
                       "date, not as text", f"put it in double quotes: \"{shown}\"")
    return Problem(source.path, line, column, f"'{field}': this must be text",
                   "write the text after the colon, or in double quotes")


# What a well-formed value looks like, by the name of the field it is written in.
PATTERN_EXAMPLES = {
    "icd10": "write an ICD-10 code such as `M61.0` (letter, two digits, optional dot and digits)",
    "icd10cm": "write an ICD-10-CM code such as `M61.00`",
    "hpo": "write an HPO term id such as `HP:0001510` (HP, colon, seven digits)",
    "orphanet": "write an Orphanet id such as `ORPHA:337`",
    "omim": "write a six-digit OMIM number such as `135100`",
    "url": "write a full address starting with https://",
    # An image path stays inside docs/assets/images/: no `..`, no leading `/`.
    "file": "write a path under docs/ such as `assets/images/gout.svg` (lower-case names, no `..`)",
}


def _pattern_hint(location: tuple) -> str:
    for step in reversed(location):
        if step in PATTERN_EXAMPLES:
            return PATTERN_EXAMPLES[step]
    return "write an id: lower-case words joined by hyphens, e.g. `tumoral-calcinosis`"


def _type_hint(kind: str) -> str:
    if kind == "list_type":
        return "write a list, one `- item` per line"
    if kind in {"string_type", "string_too_short"}:
        return "write some text after the colon"
    if kind in {"int_parsing", "int_type"}:
        return "write a whole number"
    if kind in {"model_type", "dict_type"}:
        return "write `field: value` lines indented under this one"
    return "see data/README.md for this field"


def _allowed_fields(model: type[BaseModel], location: tuple) -> set[str]:
    """The field names valid at a nested location, for 'did you mean'."""
    current: Any = model
    keyed = False  # the step after a `dict` field (a flow's node id) is a key, not a field name
    for step in location:
        if isinstance(step, int) or keyed:
            keyed = False
            continue
        field = current.model_fields.get(step)
        if field is None:
            return set()
        keyed = get_origin(field.annotation) is dict
        current = _inner_model(field.annotation)
        if current is None:
            return set()
    return set(current.model_fields)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None
