"""Print pip constraints pinning each runtime dependency to its lower bound in pyproject.toml.

`make test-min` installs with them, so every floor the package declares is one the tests ran
with. A dependency declared without a lower bound is an error: its floor would be untested.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"
_FLOOR = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*(?P<spec>.*)$")


def floors(dependencies: list[str]) -> list[str]:
    """``name==X`` for each ``name>=X`` (other clauses, such as ``<10``, are kept by pip)."""
    pins = []
    for requirement in dependencies:
        match = _FLOOR.match(requirement.split(";")[0].strip())
        lower = re.search(r">=\s*([^,\s]+)", match["spec"]) if match else None
        if lower is None:
            sys.exit(f"floors: {requirement!r} has no lower bound (>=); give it one")
        pins.append(f"{match['name']}=={lower[1]}")
    return pins


if __name__ == "__main__":
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    print("\n".join(floors(project["dependencies"])))
