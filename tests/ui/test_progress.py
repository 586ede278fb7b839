"""The progress line: on a real pseudo-terminal during a slow run, erased at its end so only
the summary stays; never without a terminal; and the line's own rules (delay, width, erase)."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from statusgen.ui import progress

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_spec  # noqa: E402

SLOW_SCHEMAS = 40
"""Enough schemas for formatting (with no cache) to outlast `CHILD_DELAY` by several redraws."""
CHILD_DELAY = 0.2
"""The line's delay in the child of a slow run: the rule itself is `progress.DELAY` (tested
below with a clock); the terminal test needs a run slower than the delay, and a 40-schema run
is, without seconds of black work to make it so."""
LIVE_LINE = re.compile(
    r"statusgen: (load|validate|parse|render|format|write)( · \d+/\d+)?( · [^\r\n]*)? · "
    r"\d+\.\d s"
)


def screen(output: str) -> list[str]:
    """What a terminal shows after `output`: carriage return, erase-to-end, new lines."""
    lines = [""]
    column = 0
    for token in re.findall(r"\x1b\[K|\r|\n|[^\r\n\x1b]+", output):
        if token == "\r":
            column = 0
        elif token == "\n":
            lines.append("")
            column = 0
        elif token == "\x1b[K":
            lines[-1] = lines[-1][:column]
        else:
            current = lines[-1]
            lines[-1] = current[:column] + token + current[column + len(token) :]
            column += len(token)
    return [line for line in lines if line]


def run_on_terminal(args: list[str], cwd: Path, delay: float | None = None) -> tuple[int, str]:
    """statusgen with stderr on a pseudo-terminal 120 columns wide: its exit status and all
    the terminal received; `delay` replaces the line's delay in the child."""
    primary, secondary = os.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "NO_COLOR"}}
    env.update(TERM="xterm", STATUSGEN_CACHE_DIR=str(cwd / "cache"))
    command = [sys.executable, "-m", "statusgen"]
    if delay is not None:
        command[1:] = [
            "-c",
            f"from statusgen.ui import progress; progress.DELAY = {delay}\n"
            "from statusgen.ui.cli import run; run()",
        ]
    process = subprocess.Popen(
        [*command, *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
    os.close(secondary)
    received = bytearray()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the last holder of the terminal closed it
                break
            if not chunk:
                break
            received += chunk
        elif process.poll() is not None:
            break
    os.close(primary)
    return process.wait(timeout=60), received.decode("utf-8", "replace")


@pytest.mark.slow  # a real process on a real pseudo-terminal, seconds of real work
def test_the_line_shows_on_a_slow_run_and_is_gone_at_its_end(tmp_path: Path) -> None:
    write_spec(SLOW_SCHEMAS, tmp_path / "big.yaml")
    args = ["generate", "big.yaml", "--out", "out", "--no-cache"]
    code, output = run_on_terminal(args, tmp_path, delay=CHILD_DELAY)
    assert code == 0, output
    drawn = LIVE_LINE.findall(output)
    assert drawn, output
    stages = {stage for stage, *_ in drawn}
    assert "format" in stages, stages
    counts = re.findall(r"statusgen: format · (\d+)/(\d+)", output)
    assert counts and all(int(done) <= int(total) for done, total in counts)
    assert "\r\x1b[K" in output
    (summary,) = screen(output)  # the live line is erased: only the summary stays
    took = re.fullmatch(r"statusgen: out: \d+ added \((\d+\.\d) s\)", summary)
    assert took, summary
    assert float(took[1]) > CHILD_DELAY


@pytest.mark.slow  # real processes on a real pseudo-terminal
def test_quiet_leaves_a_terminal_empty(tmp_path: Path) -> None:
    write_spec(3, tmp_path / "small.yaml")
    code, output = run_on_terminal(["generate", "small.yaml", "--out", "out", "-q"], tmp_path)
    assert (code, output) == (0, "")
    code, output = run_on_terminal(["generate", "small.yaml", "--out", "out"], tmp_path)
    assert code == 0
    assert re.fullmatch(r"statusgen: out: up to date \(\d+\.\d s\)", "".join(screen(output)))


def test_no_line_without_a_terminal_even_when_it_would_show_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    write_spec(3, tmp_path / "small.yaml")
    result = run_cli(["generate", "small.yaml", "--out", "out"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no line, and no summary: make and CI logs stay quiet
    assert not progress.wanted(sys.stderr)


def test_quiet_and_dumb_terminals_get_no_line(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(Terminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(Terminal())


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def read_all(fd: int) -> str:
    os.set_blocking(fd, False)
    try:
        return os.read(fd, 65536).decode()
    except BlockingIOError:
        return ""


def test_the_line_waits_for_the_delay_then_redraws_in_place_and_erases() -> None:
    reading, writing = os.pipe()
    clock = Clock()
    line = progress.Line(writing, clock)
    line.set("format", "pieces of 4 modules", total=10)
    line.draw()
    assert read_all(reading) == ""  # a quick run shows nothing
    clock.now += progress.DELAY + 0.25
    line.advance(3)
    line.draw()
    assert read_all(reading) == "\r\x1b[Kstatusgen: format · 3/10 · pieces of 4 modules · 1.2 s"
    line.clear()
    assert read_all(reading) == "\r\x1b[K"
    line.clear()
    assert read_all(reading) == ""  # nothing shown: nothing to erase
    line.set("write", "out", total=None)
    line.draw()
    line.stop()
    assert read_all(reading) == "\r\x1b[Kstatusgen: write · out · 1.2 s\r\x1b[K"
    line.draw()
    assert read_all(reading) == ""  # stopped: never drawn again
    os.close(reading)
    os.close(writing)


def test_the_line_fits_the_terminal_width() -> None:
    line = progress.Line(1, Clock())
    line.set("parse", "specs/" + "x" * 200 + ".yaml, 12 schemas", total=None)
    assert len(line.text(60)) == 59  # a line that wrapped could not be erased


def test_the_module_functions_cost_nothing_without_a_line() -> None:
    progress.stage("load", "spec.yaml")
    progress.advance()
    progress.clear()


def test_shown_draws_from_a_thread_at_most_ten_times_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    reading, writing = os.pipe()
    began = time.monotonic()
    with progress.shown(writing):
        progress.stage("validate", "spec.yaml")
        time.sleep(0.55)
    shown_for = time.monotonic() - began
    output = read_all(reading)
    draws = output.count("statusgen: validate · spec.yaml")
    # A loaded machine may sleep longer than asked: the bound follows the time it was shown.
    assert 2 <= draws <= int(shown_for * 10) + 1, (shown_for, output)
    assert output.endswith("\r\x1b[K")
    os.close(reading)
    os.close(writing)
