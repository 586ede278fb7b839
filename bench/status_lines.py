"""Generated lines per status resource: models.py + pollers.py of generated packages, divided
by their status models (a class with a `_status_rule`).

`python bench/status_lines.py generated/face generated/visma ...` prints one row per package
and the total; the figure the lever on black's input is measured by.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

STATUS_MODEL = re.compile(r"^\s+_status_rule = ", re.MULTILINE)


def count(package: Path) -> tuple[int, int, int]:
    """(models.py + pollers.py lines, status models, poller classes) of one package."""
    lines = status = pollers = 0
    for name in ("models.py", "pollers.py"):
        path = package / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        lines += text.count("\n")
        if name == "models.py":
            status += len(STATUS_MODEL.findall(text))
        else:
            pollers += len(re.findall(r"^class ", text, re.MULTILINE))
    return lines, status, pollers


def main(packages: list[str]) -> None:
    total = [0, 0, 0]
    print("| package | lines | status models | poller classes | lines per status model |")
    print("|---|---:|---:|---:|---:|")
    for package in packages:
        row = count(Path(package))
        total = [a + b for a, b in zip(total, row, strict=True)]
        print(f"| {package} | {row[0]} | {row[1]} | {row[2]} | {row[0] / max(row[1], 1):.1f} |")
    print(f"| total | {total[0]} | {total[1]} | {total[2]} | {total[0] / max(total[1], 1):.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
