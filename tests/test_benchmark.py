"""The benchmark script keeps working: it measures nothing here, but it must run to the end."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_build_speed_benchmark_runs_and_prints_its_numbers():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build_speed.py"), "--data",
         str(ROOT / "tests" / "fixtures" / "valid"), "--runs", "1", "--copies", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^generated / static: \d+\.\d\d — (meets|misses) the target", result.stdout, re.M)
    assert re.search(r"^synthetic 2x vs 1x: pages x[\d.]+, time x[\d.]+", result.stdout, re.M)
    for build in ("book (generated)", "static Markdown", "synthetic 2x"):
        assert re.search(rf"^{re.escape(build)}\s+1\s+[\d.]+\s+\d+", result.stdout, re.M), build
