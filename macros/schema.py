"""`python -m macros.schema`: export JSON Schema from the models into data/schema/.

Editors use these files to autocomplete and underline mistakes in data/ files;
tests/test_schema.py keeps them in step with the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import Differential, Entity, Flow

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"
SCHEMAS = {"entity.schema.json": Entity, "differential.schema.json": Differential,
           "flow.schema.json": Flow}


def schema_text(model) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (SCHEMA_DIR / name).write_text(schema_text(model), encoding="utf-8")
        print(f"wrote data/schema/{name}")


if __name__ == "__main__":
    main()
