"""A local Neo4j 5 community server the project can install, start and stop.

No Docker and no tarball: the jars come from Maven Central through Maven
(``launcher/pom.xml``) into a cache, and a one-file launcher
(``launcher/Launcher.java``, run with ``java Launcher.java``) starts the
embedded database with its Bolt connector on localhost.  Data live in a home
directory (by default under the workspace); the server runs detached, with its
pid, address and log in that home.

Java 17 needs some packages opened to Neo4j, as in Neo4j's own neo4j.conf.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import Neo4jError, Neo4jUnavailable

NEO4J_VERSION = "5.26.30"
JVM_OPTS = ["--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-XX:+UseG1GC", "-Dfile.encoding=UTF-8"]


def lib_dir() -> Path:
    """Where the resolved jars are cached ($KG_NEO4J_LIB, else ~/.cache/plan-kg/neo4j-VERSION/lib)."""
    env = os.environ.get("KG_NEO4J_LIB")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "plan-kg" / f"neo4j-{NEO4J_VERSION}" / "lib"


def installed() -> bool:
    lib = lib_dir()
    return lib.is_dir() and any(lib.glob("neo4j-kernel-*.jar"))


def install(progress: Callable[[str], None] | None = None) -> Path:
    """Resolve the Neo4j jars from Maven Central with Maven, once; return the lib directory."""
    lib = lib_dir()
    if installed():
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jError("Maven (mvn) is needed to fetch the Neo4j jars from Maven Central; install maven")
    if not shutil.which("java"):
        raise Neo4jError("Java 17 is needed to run Neo4j; install a JDK (openjdk-17-jdk-headless)")
    work = lib.parent / "build"
    work.mkdir(parents=True, exist_ok=True)
    pom = resources.files("kg.neo4j") / "launcher" / "pom.xml"
    (work / "pom.xml").write_bytes(pom.read_bytes())
    tmp_lib = lib.parent / "lib.tmp"
    shutil.rmtree(tmp_lib, ignore_errors=True)
    if progress:
        progress(f"resolving org.neo4j:neo4j:{NEO4J_VERSION} from Maven Central into {lib}")
    # Maven's own log, read as it comes, counts the files fetched: 36 s of silence was the old experience
    proc = subprocess.Popen([mvn, "-B", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
                             f"-DoutputDirectory={tmp_lib}", "-DincludeScope=runtime"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    tail: list[str] = []
    fetched = copied = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip()
        tail = (tail + [line])[-20:]
        if line.startswith("Downloaded from") or "] Downloaded from" in line:
            fetched += 1
            if progress:
                progress(f"downloaded {fetched} files from Maven Central ({line.split('/')[-1].split(' ')[0]})")
        elif "Copying " in line:
            copied += 1
            if progress:
                progress(f"copied {copied} jars ({line.split('Copying ', 1)[1].split(' ')[0]})")
    proc.wait()
    if proc.returncode != 0:
        errors = [x for x in tail if "ERROR" in x] or tail
        raise Neo4jError("Maven could not resolve the Neo4j jars: " + " / ".join(errors[-3:]))
    shutil.rmtree(lib, ignore_errors=True)
    tmp_lib.rename(lib)
    return lib


@dataclass
class ServerState:
    home: Path
    pid: int | None
    uri: str | None
    running: bool
    reachable: bool

    def to_row(self) -> dict:
        return {"home": str(self.home), "pid": self.pid, "uri": self.uri, "running": self.running,
                "reachable": self.reachable}


def _state_file(home: Path) -> Path:
    return home / "server.json"


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not alive
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][:1] != "Z"
    except OSError:
        return True


def _command_line(pid: int) -> list[str] | None:
    """The argv of a running process (from /proc, else ps), or None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except OSError:
        pass
    try:
        out = subprocess.run(["ps", "-o", "args=", "-p", str(pid)], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.split() or None


def is_launcher(pid: int | None, home: Path) -> bool:
    """Whether ``pid`` is still the server this home started: java running this home's Launcher.java.

    A pid file outlives its process, and the system reuses pids: stopping must never signal whatever
    process holds that number now.
    """
    if not _alive(pid):
        return False
    assert pid is not None
    argv = _command_line(pid)
    if not argv:
        return False
    return Path(argv[0]).name.startswith("java") and str(Path(home).resolve() / "Launcher.java") in argv


def stale_pid(home: str | os.PathLike) -> int | None:
    """The pid server.json names when that process is alive but is not this home's server (any more)."""
    try:
        pid = json.loads(_state_file(Path(home)).read_text()).get("pid")
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) and not is_launcher(pid, Path(home)) else None


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def status(home: str | os.PathLike) -> ServerState:
    home = Path(home)
    try:
        info = json.loads(_state_file(home).read_text())
    except (OSError, ValueError):
        return ServerState(home, None, None, False, False)
    pid, uri = info.get("pid"), info.get("uri")
    running = is_launcher(pid, home)
    host, port = info.get("host", "127.0.0.1"), int(info.get("port", 7687))
    return ServerState(home, pid, uri, running, running and _port_open(host, port))


def start(home: str | os.PathLike, host: str = "127.0.0.1", port: int = 7687, password: str | None = None,
          wait: float = 120.0, heap: str | None = None, progress: Callable[[str], None] | None = None) -> ServerState:
    """Start the server detached; with ``wait`` > 0, return once Bolt accepts connections."""
    home = Path(home).resolve()
    if password is not None and 0 < len(password) < 8:
        raise Neo4jError("the Neo4j password must be at least 8 characters")
    current = status(home)
    if current.running:
        if progress:
            progress(f"Neo4j is already running at {current.uri} (pid {current.pid})")
        return current
    if _port_open(host, port):
        raise Neo4jError(f"port {port} on {host} is taken by another process; choose another with --port")
    lib = install(progress)
    java = shutil.which("java")
    if not java:
        raise Neo4jError("Java 17 is needed to run Neo4j; install a JDK")
    home.mkdir(parents=True, exist_ok=True)
    launcher = resources.files("kg.neo4j") / "launcher" / "Launcher.java"
    launcher_path = home / "Launcher.java"
    launcher_path.write_bytes(launcher.read_bytes())
    log_path = home / "neo4j.log"
    env = dict(os.environ)
    env.pop("KG_NEO4J_PASSWORD", None)
    if password:
        env["KG_NEO4J_PASSWORD"] = password
    heap = heap or os.environ.get("KG_NEO4J_HEAP", "1g")
    cmd = [java, f"-Xmx{heap}", *JVM_OPTS, "-cp", str(lib / "*"), str(launcher_path), str(home / "data"), host,
           str(port)]
    log_offset = log_path.stat().st_size if log_path.exists() else 0  # only this run's lines count
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True, cwd=home)
    uri = f"bolt://{host}:{port}"
    _state_file(home).write_text(json.dumps({"pid": proc.pid, "uri": uri, "host": host, "port": port,
                                             "auth": bool(password), "started": time.time()}))
    if progress:
        progress(f"starting Neo4j {NEO4J_VERSION} (pid {proc.pid}) at {uri}; log: {log_path}")
    if wait > 0:
        if progress:
            progress(f"waiting until Bolt answers at {uri}")
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with open(log_path, "rb") as f:
                f.seek(log_offset)
                log_text = f.read().decode("utf-8", errors="replace")
            failed = [line for line in log_text.splitlines() if line.startswith("FAILED ")]
            if proc.poll() is not None or failed:
                reason = failed[-1][7:] if failed else f"exit status {proc.returncode}"
                if proc.poll() is None:
                    stop(home)
                raise Neo4jError(f"Neo4j did not start: {reason}; see {log_path}")
            if _port_open(host, port) and "READY" in log_text:
                return status(home)
            time.sleep(0.5)
        raise Neo4jUnavailable(f"Neo4j did not answer on {uri} within {wait:.0f} s; see {log_path}")
    return status(home)


def stop(home: str | os.PathLike, timeout: float = 60.0) -> ServerState:
    """Stop the server this home started (its whole process group), if that process is still running.

    A pid in server.json that now belongs to another process (the server died, the pid was reused) is
    left alone: the stale file is removed and nothing is signalled.
    """
    home = Path(home).resolve()
    st = status(home)
    if not st.running:
        _state_file(home).unlink(missing_ok=True)
        return st
    assert st.pid is not None
    _signal(st.pid, signal.SIGTERM)  # the shutdown hook closes the store cleanly
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and is_launcher(st.pid, home):
        time.sleep(0.3)
    if is_launcher(st.pid, home):
        _signal(st.pid, signal.SIGKILL)
    _state_file(home).unlink(missing_ok=True)
    return status(home)


def _signal(pid: int, sig: int) -> None:
    """Signal the launcher and, when it leads its own process group (start() makes it so), the whole group."""
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:  # it ended meanwhile
        pass


def admin_import(home: str | os.PathLike, directory: str | os.PathLike, database: str = "neo4j",
                 overwrite: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Import a ``neo4j-csv`` export into a database of this home with ``neo4j-admin database import full``.

    The import tool ships in the jars the server runs (``org.neo4j.cli.AdminTool``); the server of this home must
    be stopped.  Start it afterwards to query the imported database.  Returns the import report's path.
    """
    from kg.exports.graphs import import_command

    home, directory = Path(home).resolve(), Path(directory).resolve()
    if status(home).running:
        raise Neo4jError(f"the Neo4j server of {home} is running; stop it first (kg neo4j stop)")
    files = {"nodes": sorted(p.name for p in directory.glob("nodes_*.csv")),
             "relationships": sorted(p.name for p in directory.glob("relationships_*.csv"))}
    if not files["nodes"]:
        raise Neo4jError(f"{directory} holds no nodes_*.csv: write it with 'kg export --format neo4j-csv'")
    lib = install(progress)
    java = shutil.which("java")
    if not java:
        raise Neo4jError("Java 17 is needed to run neo4j-admin; install a JDK")
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (home / "data").mkdir(exist_ok=True)
    (conf / "neo4j.conf").touch()
    report = home / "import.report"
    # the launcher's embedded server keeps its store under HOME/data, which is the Neo4j home it runs with
    env = {**os.environ, "NEO4J_HOME": str(home / "data"), "NEO4J_CONF": str(conf)}
    cmd = [java, "-Xmx512m", *JVM_OPTS, "-cp", str(lib / "*"), "org.neo4j.cli.AdminTool",
           *import_command(files, database)[1:], f"--report-file={report}", "--max-off-heap-memory=256m",
           *(["--overwrite-destination=true"] if overwrite else [])]
    if progress:
        progress(f"importing {len(files['nodes'])} node and {len(files['relationships'])} relationship files "
                 f"into database '{database}' of {home}")
    proc = subprocess.run(cmd, cwd=directory, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [line for line in (proc.stderr + proc.stdout).splitlines() if line.strip()]
        reason = next((line for line in reversed(lines) if "Exception" in line or "rror" in line),
                      lines[-1] if lines else f"exit status {proc.returncode}")
        raise Neo4jError(f"neo4j-admin import failed: {reason.strip()}")
    return report
