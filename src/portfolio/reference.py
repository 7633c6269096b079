"""The options reference in the README, made from the options' declarations.

``python -m portfolio.reference README.md`` (``make reference``) rewrites the tables between
the README's markers; a test fails when they no longer match the code.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from portfolio.sphinx.config import OPTIONS
from portfolio.theme import OPTIONS as THEME_OPTIONS
from portfolio.theme import THEME_DIR

START = "<!-- options: made by `make reference` from the code; edit the code, not this -->"
END = "<!-- options: end -->"


def _cell(value: object) -> str:
    text = f"`{value!r}`" if not isinstance(value, str) or value else "`''`"
    return text.replace("|", "\\|")


def options_tables() -> str:
    """Markdown tables: the ``portfolio_*`` options, then the theme's options."""
    lines = ["| option | default | what it does |", "| --- | --- | --- |"]
    lines += [f"| `{o.name}` | {_cell(o.default)} | {o.description} |" for o in OPTIONS]
    defaults = tomllib.loads((THEME_DIR / "theme.toml").read_text(encoding="utf-8"))["options"]
    lines += ["", "| theme option (`html_theme_options`) | default | what it does |"]
    lines += ["| --- | --- | --- |"]
    for name, value in defaults.items():
        what = THEME_OPTIONS.get(name, "pydata-sphinx-theme's option, with the portfolio's default")
        lines.append(f"| `{name}` | {_cell(value)} | {what} |")
    return "\n".join(lines)


def with_reference(text: str) -> str:
    """``text`` (the README) with the tables between the markers made anew."""
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{options_tables()}\n{END}{tail}"


def main(readme: str) -> int:
    """Rewrite the reference in ``readme``; exit 1 when the markers are missing."""
    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{readme}: no {START!r} ... {END!r} markers", file=sys.stderr)
        return 1
    path.write_text(with_reference(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
