"""Generated imports are in exactly the order `ruff check` (isort rules) wants.

Spec-derived class names such as `I`, `I1`, `I2_2`, `I22`, `AB`, `Ab`, `A01` exercise every rule
ruff sorts members by (constants, classes, functions; case-insensitive natural order, then
natural order), so the fuzzer's hostile names cannot make `ruff check generated/` fail.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys
from pathlib import Path

from statusgen.render import import_order

NAMES = [
    "I", "I1", "I2", "I22", "I2_2", "I02", "I002", "I10", "I9", "AB", "Ab", "aB", "ab", "A01",
    "A1", "A001", "A_1", "A__1", "Model", "Model2", "Model10", "Model2_2", "UNSET", "Unset",
    "X", "x", "_X_STATUS", "_X_KEYS", "_x", "parse_x", "parse_x2", "parse_x10", "T", "TT",
    "HTTPStatus", "HttpStatus", "V1_2", "V12", "V1", "OpenEnum", "ValidationError",
]  # fmt: skip


def random_name(rng: random.Random) -> str:
    first = rng.choice(string.ascii_letters + "_")
    rest = "".join(rng.choice(string.ascii_letters + string.digits + "_" * 3) for _ in range(
        rng.randrange(0, 6)))
    return first + rest


def test_import_order_agrees_with_ruff(tmp_path: Path) -> None:
    rng = random.Random(4)
    lines = ["from __future__ import annotations", ""]
    groups = [NAMES] + [
        list({random_name(rng) for _ in range(rng.randrange(2, 12))}) for _ in range(300)
    ]
    for index, names in enumerate(groups):
        shuffled = rng.sample(names, len(names))
        lines.append(f"from .m{index:04d} import (")
        lines.extend(f"    {name}," for name in import_order(shuffled))
        lines.append(")")
    (tmp_path / "imports.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "I001", "imports.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
