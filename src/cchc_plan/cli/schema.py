"""`cchc schema`: the plan file's JSON Schema."""

from __future__ import annotations

import sys


def schema() -> None:
    """In JSON Schema của tệp kế hoạch (sinh từ mô hình dữ liệu)."""
    from cchc_plan.schema import plan_json_schema

    sys.stdout.write(plan_json_schema())
