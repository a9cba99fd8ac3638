"""The plan's validator, built once and kept in the user's cache (cache.py).

Pydantic builds the validator of the plan's models when it is first used: about
10 ms, as long as reading the plan. What it builds, pydantic-core's SchemaValidator,
pickles as the core schema and settings it was made from; unpickled, pydantic-core
makes it again in well under a millisecond. The cache file's name holds a digest of
everything the validator depends on (models.py, the versions of pydantic,
pydantic-core and Python), so a change to any of them builds a new one. A cache file
that cannot be read, or is not a validator, is built anew: the verdict never
depends on the cache.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
from pydantic_core import SchemaValidator

from cchc_plan import cache, models
from cchc_plan.models import Plan

FAMILY = "plan-validator-"


def cache_name() -> str:
    """The cache file's name for these models under these versions."""
    digest = hashlib.sha256(Path(models.__file__).read_bytes())
    for version in (pydantic.VERSION, pydantic_core.__version__, sys.version):
        digest.update(b"\0" + version.encode())
    return f"{FAMILY}{digest.hexdigest()[:20]}.pickle"


@functools.cache
def plan_validator() -> Callable[[Any], Any]:
    """What validates a plan's data into a `Plan` (pydantic-core's `validate_python`):
    from the cache, or built (and then kept)."""
    name = cache_name()
    kept = cache.load(name)
    if kept is not None:
        try:
            validator = pickle.loads(kept)  # the user's private cache (cache.py)
        except Exception:  # a damaged or foreign file: build anew
            validator = None
        if isinstance(validator, SchemaValidator):
            return validator.validate_python
    Plan.model_rebuild()
    built = Plan.__pydantic_validator__
    # With a pydantic plugin on, the validator is the plugin's wrapper: not kept.
    if type(built) is SchemaValidator:
        try:
            content = pickle.dumps(built)
        except (pickle.PicklingError, TypeError, AttributeError):  # a model made unpicklable
            pass
        else:
            cache.store(name, content, family=FAMILY)
    return built.validate_python
