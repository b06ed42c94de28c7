"""Progress where people wait: one live line on stderr, redrawn while long work runs.

    building [########----------] 2/3  sichuan-2026-government-work-report  4 s
    loading Neo4j ⠹ document chongqing-twin-city-action-plan-2023-2027 · projects: 148  12 s

A bar when the amount of work is known (documents to build), else a spinner
with the current step and the seconds spent.  The line exists only on a
terminal: under ``--quiet``, or when stderr is a file or a pipe (CI logs, ``2>
log``), nothing of it is written.  Library functions report steps through
their plain ``progress(message)`` callbacks; :meth:`Progress.note` is one.
Lines that stay (a summary, a failed document) go through :meth:`Progress.log`,
which prints them above the live line.
"""
from __future__ import annotations

import sys
import threading
import time

from kg.cli.output import width

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
BAR = 20


def live(settings) -> bool:
    """Whether a live line may be drawn: not --quiet, and stderr is a terminal."""
    if getattr(settings, "quiet", False):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    def __init__(self, settings, label: str, total: int | None = None, interval: float = 0.2):
        self.settings, self.label, self.total, self.interval = settings, label, total, interval
        self.enabled = live(settings)
        self.done, self.item, self.message = 0, "", ""
        self.t0 = time.monotonic()
        self._tick = 0
        self._drawn = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- what the work reports ----------------------------------------------------------------
    def note(self, message: str) -> None:
        """The current step (a library's progress message); shown on the live line."""
        self.message = " ".join(str(message).split())
        self._redraw()

    def advance(self, n: int = 1, item: str = "") -> None:
        self.done += n
        self.item = item
        self._redraw()

    def log(self, message: str) -> None:
        """A line that stays (unless --quiet), printed above the live line."""
        if getattr(self.settings, "quiet", False):
            return
        with self._lock:
            self._clear()
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
            self._draw()

    # -- drawing --------------------------------------------------------------------------------
    def text(self) -> str:
        elapsed = f"{time.monotonic() - self.t0:.0f} s"
        if self.total:
            filled = round(BAR * min(self.done, self.total) / self.total)
            head = f"{self.label} [{'#' * filled}{'-' * (BAR - filled)}] {self.done}/{self.total}"
            parts = [head, self.item or self.message]
        else:
            parts = [f"{self.label} {SPINNER[self._tick % len(SPINNER)]}", self.message]
        return "  ".join(p for p in parts + [elapsed] if p)

    def _columns(self) -> int:
        import shutil

        return max(shutil.get_terminal_size((100, 20)).columns - 1, 20)

    def _fit(self, text: str) -> str:
        limit = self._columns()
        if width(text) <= limit:
            return text
        out, w = "", 0
        for c in text:
            w += width(c)
            if w > limit - 1:
                break
            out += c
        return out + "…"

    def _clear(self) -> None:
        if self.enabled and self._drawn:
            sys.stderr.write("\r" + " " * self._drawn + "\r")
            self._drawn = 0

    def _draw(self) -> None:
        if not self.enabled:
            return
        line = self._fit(self.text())
        sys.stderr.write("\r" + line + " " * max(self._drawn - width(line), 0))
        sys.stderr.flush()
        self._drawn = width(line)

    def _redraw(self) -> None:
        if self.enabled:
            with self._lock:
                self._draw()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._tick += 1
            self._redraw()

    # -- lifetime ------------------------------------------------------------------------------
    def __enter__(self) -> Progress:
        if self.enabled:
            self._draw()
            self._thread = threading.Thread(target=self._run, name="kg-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self._clear()
            if self.enabled:
                sys.stderr.flush()
