"""The JSON Schema of a plan file, generated from the models, never written by hand."""

from __future__ import annotations

import json

from cchc_plan.models import Plan

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def plan_json_schema() -> str:
    """The schema as the text committed in `schema/plan.schema.json`."""
    document = {"$schema": DRAFT, **Plan.model_json_schema()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
