"""Shared helpers for the benchmarks: cached synthetic corpora, timed child processes, result files.

Every measured step runs in its own child process so its peak memory (the
child's maximum resident set size, from ``os.wait4``) is its own.  Results go
to ``bench/results/NAME.json`` and a Markdown table is printed; docs/benchmarks.md
collects the tables of the last run by hand.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = Path(os.environ.get("KG_BENCH_DIR", "/tmp/plan-kg-bench"))
RESULTS = HERE / "results"
SAMPLE = ROOT / "kg" / "data" / "samples" / "chongqing-twin-city-action-plan-2023-2027.txt"


def corpus(n: int) -> Path:
    """A directory of ``n`` synthetic plans (generated once, then reused)."""
    sys.path.insert(0, str(HERE))
    from synth import generate

    out = WORK / f"corpus-{n}"
    if not (out / ".complete").exists():
        generate(n, out)
        (out / ".complete").write_text(str(n))
    return out


def sample_dir() -> Path:
    out = WORK / "corpus-sample"
    out.mkdir(parents=True, exist_ok=True)
    target = out / SAMPLE.name
    if not target.exists():
        target.write_bytes(SAMPLE.read_bytes())
    return out


def run(cmd: list[str], env: dict | None = None, timeout: float | None = None, cwd: str | None = None) -> dict:
    """Run a command; wall seconds, stdout, stderr and status ('ok', 'exit N' or 'timeout')."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return {"seconds": time.perf_counter() - t0, "stdout": out, "stderr": err, "status": "timeout"}
    return {"seconds": time.perf_counter() - t0, "stdout": out, "stderr": err,
            "status": "ok" if proc.returncode == 0 else f"exit {proc.returncode}"}


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command and return its wall time and its own peak RSS (MB), via wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": time.perf_counter() - t0, "peak_mb": usage.ru_maxrss / 1024,
            "output": out.decode("utf-8", "replace"),
            "status": "ok" if proc.returncode == 0 else f"exit {proc.returncode}"}


def probe(*args: str, timeout: float | None = None, env: dict | None = None) -> dict:
    """Run one step of bench/probe.py in a child process; its JSON report."""
    r = run([sys.executable, str(HERE / "probe.py"), *args], env=env, timeout=timeout)
    if r["status"] != "ok":
        return {"status": r["status"], "seconds": r["seconds"], "error": (r["stderr"] or "").strip()[-500:]}
    return json.loads(r["stdout"].strip().splitlines()[-1])


def kg(*args: str, env: dict | None = None) -> dict:
    r = run_measured([sys.executable, "-m", "kg", *args], env=env)
    if r["status"] != "ok":
        raise SystemExit(f"kg {' '.join(args)} failed: {r['output'][-800:]}")
    return r


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def machine() -> dict:
    import multiprocessing

    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {"python": platform.python_version(), "cpus": multiprocessing.cpu_count(), "memory_mb": mem,
            "platform": platform.platform(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **data}, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def table(rows: list[dict], cols: list[str] | None = None) -> str:
    if not rows:
        return "(no rows)"
    cols = cols or list(rows[0])

    def fmt(v):
        if v is None:
            return "–"
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, float):
            return f"{v:.3g}" if abs(v) < 100 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(fmt(r.get(c)) for c in cols) + " |" for r in rows]
    return "\n".join(lines)
