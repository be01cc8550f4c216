"""Run every benchmark in bench/ in turn (``make bench``)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["http_bench.py", "workflow_bench.py", "monitoring_bench.py"]
BENCHMARKS.append("stats_bench.py")
BENCHMARKS.append("search_bench.py")
BENCHMARKS.append("traffic_bench.py")

if __name__ == "__main__":
    for name in BENCHMARKS:
        print(f"\n#### {name}", flush=True)
        subprocess.run([sys.executable, str(HERE / name), *sys.argv[1:]], check=True, cwd=HERE)
