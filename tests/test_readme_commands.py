"""Every command the README shows exists and starts: make targets (dry run) and CLI commands."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from portfolio.cli import main
from portfolio.cli.main import build_parser

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The commands in the README's ``console`` blocks, continuation lines joined.
COMMANDS = [
    line.split("#")[0].strip()
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S)
    for line in block.replace("\\\n", " ").splitlines()
    if line.strip()
]
MAKE_TARGETS = sorted({word for c in COMMANDS if c.startswith("make ") for word in c.split()[1:]})
CLI = sorted({c.split()[1] for c in COMMANDS if c.startswith("portfolio ")})


def test_the_readme_shows_commands() -> None:
    assert {"html", "test", "test-min", "livehtml"} <= set(MAKE_TARGETS)
    assert {"init", "new", "check", "import-bib"} <= set(CLI)


@pytest.mark.parametrize("target", MAKE_TARGETS)
def test_make_target_exists(target: str) -> None:
    """``make -n``: the target and every file it needs exist, and its recipe expands."""
    proc = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("command", CLI)
def test_cli_command_starts(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert f"portfolio {command}" in capsys.readouterr().out


@pytest.mark.parametrize("line", [c for c in COMMANDS if c.startswith("portfolio ")])
def test_cli_examples_parse(line: str) -> None:
    """Each example's flags and arguments are ones its command takes (parsed, not run)."""
    args = build_parser().parse_args(shlex.split(line)[1:])
    assert args.command == line.split()[1]
