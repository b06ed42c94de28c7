"""Apache Jena for the conformance tests: jars from Maven Central, run with ``java -cp``.

Like the Neo4j server (kg/neo4j/server.py), the jars are resolved by Maven
from ``tests/jena/pom.xml`` into a cache (``$KG_JENA_HOME``, else
``~/.cache/plan-kg/jena-VERSION``); ``scripts/setup.sh`` runs

    python tests/jena_tools.py install

Jena's own command-line mains are used where one exists (``riotcmd.riot``,
``shacl.shacl_validate``, ``arq.rsparql``); ``tests/jena/Conformance.java``
runs the saved queries through ARQ with their parameters bound (compiled once
into the cache).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

JENA_VERSION = "5.6.0"
HERE = Path(__file__).resolve().parent / "jena"


def home() -> Path:
    env = os.environ.get("KG_JENA_HOME")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "plan-kg" / f"jena-{JENA_VERSION}"


def lib_dir() -> Path:
    return home() / "lib"


def installed() -> bool:
    return any(lib_dir().glob(f"jena-arq-{JENA_VERSION}.jar")) and any(lib_dir().glob("jena-cmds-*.jar"))


def missing() -> str | None:
    """Why the Jena tests cannot run here, or None."""
    if not shutil.which("java"):
        return "Java 17 is needed to run Apache Jena; install a JDK (openjdk-17-jdk-headless)"
    if not installed():
        return f"Apache Jena {JENA_VERSION} is not installed: run scripts/setup.sh (python tests/jena_tools.py install)"
    return None


def install(progress=print) -> Path:
    """Resolve the Jena jars from Maven Central with Maven, once; return the lib directory."""
    lib = lib_dir()
    if installed():
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise SystemExit("Maven (mvn) is needed to fetch Apache Jena from Maven Central; install maven")
    work = home() / "build"
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "pom.xml", work / "pom.xml")
    tmp = home() / "lib.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    progress(f"resolving org.apache.jena:jena-cmds:{JENA_VERSION} from Maven Central into {lib}")
    proc = subprocess.run([mvn, "-q", "-B", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
                           f"-DoutputDirectory={tmp}", "-DincludeScope=runtime"], capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
        raise SystemExit("Maven could not resolve Apache Jena: " + " / ".join(tail))
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    return lib


def _driver_classes() -> Path:
    """Conformance.java compiled against the jars, once per version of its source."""
    source = HERE / "Conformance.java"
    out = home() / f"classes-{hashlib.sha256(source.read_bytes()).hexdigest()[:12]}"
    if not (out / "Conformance.class").exists():
        tmp = out.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        subprocess.run(["javac", "-nowarn", "-cp", str(lib_dir() / "*"), "-d", str(tmp), str(source)], check=True,
                       capture_output=True)
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
    return out


def run(main: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a Jena main class (or ``Conformance``) in its own JVM; stdout and stderr as text."""
    classpath = str(lib_dir() / "*")
    if main == "Conformance":
        classpath += os.pathsep + str(_driver_classes())
    return subprocess.run(["java", "-Xmx1g", "-Dfile.encoding=UTF-8", "-cp", classpath, main, *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


if __name__ == "__main__":
    if sys.argv[1:] != ["install"]:
        raise SystemExit("usage: python tests/jena_tools.py install")
    print(install(lambda m: print(m, file=sys.stderr)))
