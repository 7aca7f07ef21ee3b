"""Each scheme's rows and URLs, for the shared tests that walk every URL and every admin page
(tests/portal/test_access_matrix.py, test_hostile_input.py, test_admin.py).

A scheme's test package adds a `world.py` (e.g. tests/courses/world.py) with:

- `NAMESPACES`: the URL namespaces the scheme mounts (its journey's and its own pages');
- `PUBLIC`, `APPLICANT`, `STAFF_OUTSIDE_ADMIN`: sets of URL names, saying who each URL is for;
- `build(owner)`: makes at least one row of every model it registers in admin, and returns a
  dict with `application` (one of `owner`'s, sent), `draft` (one of `owner`'s drafts, for the
  journey's draft-only pages) and `values` (what to put in its URLs' other parameters, e.g.
  {"target": "a-session-slug"}); optionally `namespaces`, a dict of such dicts by namespace,
  for a scheme whose journeys need different rows.

Nothing here lists the schemes: every `tests/*/world.py` is found.
"""

import importlib
import pathlib

HERE = pathlib.Path(__file__).parent


def modules():
    found = []
    for path in sorted(HERE.glob("*/world.py")):
        found.append(importlib.import_module(f"tests.{path.parent.name}.world"))
    return found


def names(attribute: str) -> set:
    return set().union(*(getattr(module, attribute, set()) for module in modules()))


def build_all(owner) -> dict:
    """{namespace: the dict its build returned} for every scheme's world."""
    built = {}
    for module in modules():
        result = module.build(owner)
        for namespace in module.NAMESPACES:
            # A scheme with two journeys (a booking and its standing approval) may give each its
            # own rows: {"namespaces": {"lab:team": {...}}}; the rest share the result.
            built[namespace] = result.get("namespaces", {}).get(namespace, result)
    return built
