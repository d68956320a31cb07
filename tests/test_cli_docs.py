"""The shell sessions of docs/cli.rst: every ``$ govdeadline`` line prints the lines under it."""

from __future__ import annotations

import datetime
import pathlib
import shlex

import pytest

from govdeadline import cli

ROOT = pathlib.Path(__file__).parents[1]
PAGE = ROOT / "docs" / "cli.rst"
# The clock the page's `--accepted today` example was written at: 2 December 2026, 11:00 in China.
CLOCK = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.timezone.utc)


def sessions(text: str) -> list[tuple[int, str, list[str]]]:
    """Each command of the page's console blocks: its line number, its arguments and the
    lines it prints."""
    found: list[tuple[int, str, list[str]]] = []
    lines = text.splitlines()
    inside = False
    for number, line in enumerate(lines, start=1):
        if line.startswith(".. code-block:: console"):
            inside = True
            continue
        if inside and line and not line.startswith(" "):
            inside = False
        if not inside or not line.strip():
            continue
        content = line[3:]
        if content.startswith("$ "):
            found.append((number, content[2:], []))
        else:
            found[-1][2].append(content)
    return found


SESSIONS = sessions(PAGE.read_text(encoding="utf-8"))


def test_the_page_has_sessions_for_every_command():
    """The page runs each subcommand at least once, and every command is govdeadline."""
    commands = [shlex.split(command) for _, command, _ in SESSIONS]
    assert all(argv[0] == "govdeadline" for argv in commands)
    used = {argv[1] for argv in commands if len(argv) > 1}
    assert {"due", "items", "calendar", "check", "--version"} <= used
    assert len(SESSIONS) >= 15


@pytest.mark.parametrize(
    ("line", "command", "expected"), SESSIONS, ids=[f"line {s[0]}" for s in SESSIONS]
)
def test_session(capsys, monkeypatch, line, command, expected):
    """The command prints what the page shows, on standard output then standard error."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(cli, "_now", lambda: CLOCK)
    try:
        status = cli.main(shlex.split(command)[1:])
    except SystemExit as exc:  # --version
        status = exc.code
    assert status in (0, 2)
    out = capsys.readouterr()
    printed = [text.rstrip() for text in (out.out + out.err).splitlines()]
    assert printed == expected, f"docs/cli.rst line {line}: {command}"


def test_sessions_are_read_whole():
    """The reader takes each command's lines up to the next command or the block's end,
    keeping their leading blanks: the February 2026 grid is its title, seven rows of the
    grid and legend, and three named days."""
    (grid,) = [s for s in SESSIONS if s[1] == "govdeadline calendar 2026-02"]
    assert grid[2][0] == "  February 2026 (national)"
    assert grid[2][2] == "                          1."
    assert len(grid[2]) == 11
    assert grid[2][-1] == "2026-02-28  makeup working day for Spring Festival (春节)"
