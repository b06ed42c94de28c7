"""The endpoint's query workers: processes that can be killed, shared fairly.

A running pyoxigraph query cannot be interrupted from another thread, so each
query runs in a worker process that opens the store read-only; a query past
its time gets its worker killed (the CPU is really freed) and a fresh worker
takes its place (docs/decisions/0004).  Each worker's memory is capped
(``RLIMIT_DATA``): a query that needs more kills its own worker, not the host.

How workers are shared (docs/decisions/0010, measured by bench/endpoint.py):

* ``workers`` general workers run queries to the full ``timeout``, at a lower
  CPU priority (``general_nice``) than the fast lane;
* one *fast-lane* worker (``fast_lane`` seconds, 0 = none) takes a query only
  when every general worker is busy, and only for that long: a query still
  running then is stopped and queued again for a general worker.  A light
  query therefore never waits behind heavy ones for more than ``fast_lane``;
* ``spares`` processes are started ahead, so a killed worker is replaced at once;
* with ``fair``, a free worker takes the oldest query of the client address
  with the fewest queries running; ``per_client`` (0 = no limit) caps the
  general workers one address may hold.

Waiting is bounded too: at most ``max_waiting`` queries queue, each for at most
``queue_wait`` seconds (then :class:`Busy`).
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass

DEFAULT_MEMORY_MB = 1024
MIN_MEMORY_MB = 256  # opening the store needs about 200 MB for a moment


class QueryTimeout(Exception):
    pass


class QueryFailed(Exception):
    """The engine refused the query (syntax error, unsupported feature), or its worker died."""


class Busy(Exception):
    """Every worker is taken and the queue is full or the wait ran out."""


class BadDataset(QueryFailed):
    pass


class WorkerDied(QueryFailed):
    """The worker process ended while answering (a fault in the engine)."""


class TooMuchMemory(QueryFailed):
    """The query needed more memory than a worker may use."""


# -- inside a worker process ---------------------------------------------------------------------

def _dataset_store(ox, store, default: list[str] | None, named: list[str] | None, max_quads: int):
    """(store, query keyword arguments) for a protocol dataset (default-graph-uri / named-graph-uri).

    One default graph, or none, is passed to the engine as it is.  Several are
    an RDF merge (a triple in two of them counts once), which pyoxigraph 0.5
    does not compute (oxigraph#1919): they are merged into an in-memory store,
    up to ``max_quads``.
    """
    default = default or []
    named = named or []
    if len(default) <= 1:
        return store, {"default_graph": [ox.NamedNode(g) for g in default],
                       "named_graphs": [ox.NamedNode(g) for g in named]}
    mem = ox.Store()
    copied = 0
    for graphs, to_default in ((default, True), (named, False)):
        for g in graphs:
            batch = []
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                batch.append(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) if to_default else q)
                copied += 1
                if copied > max_quads:
                    raise BadDataset(f"several default graphs are merged in memory, at most {max_quads} triples; "
                                     "these hold more: name one default-graph-uri, or query them with GRAPH "
                                     "over named-graph-uri")
            mem.extend(batch)
    return mem, {"named_graphs": [ox.NamedNode(g) for g in named]}


def run_saved_request(store, request: dict) -> tuple[list[str], list[dict], bool]:
    """A saved query by name with its parameters bound (the same function as ``kg query``):
    (columns, rows, truncated)."""
    from kg.rdf.sparql import OxigraphEngine, run_saved
    from kg.saved_queries import get

    cols, rows = run_saved(OxigraphEngine(store), get(request["saved"]), request.get("params") or {})
    return cols, rows[:request["max_rows"]], len(rows) > request["max_rows"]


def answer(store, request: dict) -> tuple:
    """Run one query and write its result: (content type, body, truncated); for a saved query
    (``request["saved"]``, the workbench's console) (columns, rows, truncated)."""
    if "saved" in request:
        return run_saved_request(store, request)
    import itertools as it

    import pyoxigraph as ox

    from kg.rdf import results as res

    target, kwargs = store, {}
    if request.get("dataset"):
        default, named = request["dataset"]
        target, kwargs = _dataset_store(ox, store, default, named, request.get("max_merge", 500_000))
    result = target.query(request["query"], **kwargs)  # lazy: nothing is evaluated before we iterate
    accept, fmt, max_rows = request.get("accept"), request.get("format"), request["max_rows"]
    if isinstance(result, ox.QueryBoolean):
        name, ctype = res.negotiate(accept, res.BOOLEAN_FORMATS, fmt)
        return ctype, res.write_boolean(bool(result), name), False
    if isinstance(result, ox.QueryTriples):
        name, ctype = res.negotiate(accept, res.GRAPH_FORMATS, fmt)
        triples = list(it.islice(result, max_rows + 1))
        return ctype + "; charset=utf-8", res.write_triples(triples[:max_rows], name), len(triples) > max_rows
    name, ctype = res.negotiate(accept, res.SOLUTION_FORMATS, fmt)
    variables = [v.value for v in result.variables]
    rows = [[sol[v] for v in result.variables] for sol in it.islice(result, max_rows + 1)]
    return ctype + "; charset=utf-8", res.write_solutions(variables, rows[:max_rows], name), len(rows) > max_rows


def _worker_main(store_path: str, memory_mb: int, conn) -> None:
    """A query process: opens the store read-only and answers requests until its pipe closes."""
    import resource
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C at `kg serve` is the parent's to handle
    if memory_mb:
        # RLIMIT_DATA counts the heap and anonymous mappings, which is where a query's memory goes
        # (RLIMIT_AS would also count RocksDB's file mappings); past it, an allocation fails and the
        # worker aborts, which the pool reports and repairs.
        limit = memory_mb << 20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    import pyoxigraph as ox

    from kg.errors import KGError
    from kg.rdf.results import NotAcceptable

    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("failed", f"cannot open the RDF store {store_path}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", *answer(store, request)))
        except NotAcceptable as exc:
            conn.send(("not-acceptable", exc.available))
        except MemoryError:
            conn.send(("memory", f"the query needed more memory than a worker may use ({memory_mb} MB); "
                                "try a smaller query"))
        except (BadDataset, KGError) as exc:
            conn.send(("error", str(exc)))
        except SyntaxError as exc:
            conn.send(("error", f"SPARQL syntax error: {exc}"))
        except (ValueError, OSError, RuntimeError) as exc:
            conn.send(("error", f"query failed: {exc}"))


# -- in the server process ------------------------------------------------------------------------

class _Overrun(Exception):
    pass


class _Died(Exception):
    pass


class _Worker:
    def __init__(self, ctx, store_path: str, memory_mb: int, lane: str):
        self.lane = lane
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(store_path, memory_mb, child), daemon=True,
                                name=f"kg-sparql-{lane}")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            raise RuntimeError("the query worker did not start")
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(5)
            hint = " (is the worker memory cap too small?)" if self.proc.exitcode == -6 else ""
            raise RuntimeError(f"the query worker exited with status {self.proc.exitcode}{hint}") from None
        if message[0] != "ready":
            raise RuntimeError(message[1])

    def ask(self, request: dict, budget: float):
        try:
            self.conn.send(request)
            if not self.conn.poll(budget):
                raise _Overrun
            return self.conn.recv()
        except (EOFError, OSError):
            raise _Died from None

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        try:
            self.conn.close()
        except OSError:  # closed at the same moment by the pool's close() (a replacement still starting)
            pass


@dataclass(eq=False)
class _Ticket:
    client: str
    seq: int
    tried_fast: bool = False


LANES = ("general", "fast", "spare")


def next_ticket(waiting: list, lane: str, active: dict, general: dict, per_client: int = 0,
                fair: bool = True):
    """The waiting query the next free worker of ``lane`` serves.

    A general worker serves a client under its ``per_client`` limit; the fast
    lane, a query that has not tried it yet.  Among those: the oldest, or with
    ``fair`` the oldest of the client with the fewest queries running, so one
    client's queue does not hold up another's.
    """
    if lane == "general":
        candidates = [t for t in waiting if not per_client or general.get(t.client, 0) < per_client]
    else:
        candidates = [t for t in waiting if not t.tried_fast]
    if not candidates:
        return None
    if fair:
        return min(candidates, key=lambda t: (active.get(t.client, 0), t.seq))
    return candidates[0]


class QueryPool:
    def __init__(self, store_path, workers: int = 2, fast_lane: float = 1.0, per_client: int = 0,
                 timeout: float = 10.0, memory_mb: int = DEFAULT_MEMORY_MB, spares: int = 1, fair: bool = True,
                 general_nice: int = 5, queue_wait: float = 30.0, max_waiting: int = 64):
        if workers < 1:
            raise ValueError("the endpoint needs at least one worker")
        if 0 < memory_mb < MIN_MEMORY_MB:
            raise ValueError(f"a worker needs at least {MIN_MEMORY_MB} MB (or 0 for no cap)")
        self.store_path = str(store_path)
        self.timeout = timeout
        self.fast_lane = min(fast_lane, timeout)
        self.per_client = per_client
        self.memory_mb = memory_mb
        self.fair = fair
        self.general_nice = general_nice
        self.queue_wait = queue_wait
        self.max_waiting = max_waiting
        self._ctx = multiprocessing.get_context("spawn")  # never fork a process holding a RocksDB handle
        self._cond = threading.Condition()
        # how many processes each lane should have; a spare is started ahead, so that a killed worker's
        # place is taken at once instead of after a process start (≈1 s, several under load)
        self._target = {"general": workers, "fast": 1 if self.fast_lane > 0 else 0, "spare": spares}
        self._count = dict.fromkeys(LANES, 0)
        self._idle: dict[str, list[_Worker]] = {lane: [] for lane in LANES}
        self._all: set[_Worker] = set()
        self._general: dict[str, int] = {}  # general workers held, by client
        self._active: dict[str, int] = {}  # queries running, by client
        self._waiting: list[_Ticket] = []
        self._seq = itertools.count()
        self._closed = False
        started = [self._spawn(lane) for lane in LANES for _ in range(self._target[lane])]
        try:
            for w in started:
                w.wait_ready(60)
        except RuntimeError:
            self.close()
            raise
        for w in started:
            self._place(w)

    def _place(self, w: _Worker) -> None:
        """Make an idle worker available in its lane.  General workers run at a lower CPU priority than the
        fast lane, so that a light query there is not slowed by heavy ones sharing the cores (a process may
        lower its own priority, never raise it again: a spare starts at normal priority)."""
        if w.lane == "general" and self.general_nice:
            try:
                os.setpriority(os.PRIO_PROCESS, w.proc.pid, max(os.getpriority(os.PRIO_PROCESS, w.proc.pid),
                                                               self.general_nice))
            except OSError:
                pass
        self._idle[w.lane].append(w)

    def _spawn(self, lane: str) -> _Worker:
        w = _Worker(self._ctx, self.store_path, self.memory_mb, lane)
        with self._cond:
            self._all.add(w)
            self._count[lane] += 1
        return w

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker; a spare takes its place at once, and a new process is started in the background."""
        worker.kill()
        with self._cond:
            self._all.discard(worker)
            self._count[worker.lane] -= 1
            if worker.lane != "spare" and self._idle["spare"]:
                spare = self._idle["spare"].pop()
                self._count["spare"] -= 1
                spare.lane = worker.lane
                self._count[spare.lane] += 1
                self._place(spare)
                self._cond.notify_all()
            lane = next((ln for ln in LANES if self._count[ln] < self._target[ln]), None)
            if lane is None or self._closed:
                return
            self._count[lane] += 1  # reserved now, so two discards do not both fill the same gap

        def start():
            w = _Worker(self._ctx, self.store_path, self.memory_mb, lane)
            with self._cond:
                self._all.add(w)
            try:
                w.wait_ready(60)
            except (RuntimeError, OSError):  # OSError: close() killed it while it started
                w.kill()
                with self._cond:
                    self._all.discard(w)
                    self._count[lane] -= 1
                return
            with self._cond:
                if self._closed:
                    w.kill()
                    return
                self._place(w)
                self._cond.notify_all()

        threading.Thread(target=start, daemon=True).start()

    # -- scheduling --------------------------------------------------------------------------------
    def _pick(self, lane: str) -> _Ticket | None:
        return next_ticket(self._waiting, lane, self._active, self._general, self.per_client, self.fair)

    def _acquire(self, ticket: _Ticket) -> _Worker:
        deadline = time.monotonic() + self.queue_wait
        with self._cond:
            if len(self._waiting) >= self.max_waiting:
                raise Busy(f"{self.max_waiting} queries are already waiting")
            self._waiting.append(ticket)
            try:
                while True:
                    if self._closed:
                        raise Busy("the endpoint is shutting down")
                    for lane in ("general", "fast"):
                        if self._idle[lane] and self._pick(lane) is ticket:
                            if lane == "general":
                                self._general[ticket.client] = self._general.get(ticket.client, 0) + 1
                            self._active[ticket.client] = self._active.get(ticket.client, 0) + 1
                            return self._idle[lane].pop()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Busy(f"no worker was free within {self.queue_wait:g} s")
                    self._cond.wait(remaining)
            finally:
                self._waiting.remove(ticket)
                self._cond.notify_all()  # the head of the queue changed

    def _release(self, worker: _Worker, ticket: _Ticket, keep: bool) -> None:
        with self._cond:
            counters = (self._general, self._active) if worker.lane == "general" else (self._active,)
            for counter in counters:
                n = counter.get(ticket.client, 1) - 1
                if n:
                    counter[ticket.client] = n
                else:
                    counter.pop(ticket.client, None)
            if keep and not self._closed:
                self._idle[worker.lane].append(worker)
            self._cond.notify_all()
        if not keep:
            self._discard(worker)

    def run(self, request: dict, client: str = "") -> tuple[str, bytes, bool]:
        """(content type, body, truncated); or QueryTimeout, QueryFailed, Busy, NotAcceptable."""
        from kg.rdf.results import NotAcceptable

        ticket = _Ticket(client, next(self._seq))
        while True:
            worker = self._acquire(ticket)
            budget = self.timeout if worker.lane == "general" else self.fast_lane
            try:
                reply = worker.ask(request, budget)
            except _Overrun:
                self._release(worker, ticket, keep=False)
                if worker.lane == "fast" and budget < self.timeout:
                    ticket.tried_fast = True  # too heavy for the fast lane: queue for a general worker
                    continue
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s") from None
            except _Died:
                worker.proc.join(1)
                code = worker.proc.exitcode
                self._release(worker, ticket, keep=False)
                if code == -6 and self.memory_mb:  # SIGABRT: an allocation failed under RLIMIT_DATA
                    raise TooMuchMemory(f"the query needed more memory than a worker may use "
                                        f"({self.memory_mb} MB); try a smaller query") from None
                raise WorkerDied(f"the query worker died while answering (exit status {code}); "
                                 "try a smaller query") from None
            self._release(worker, ticket, keep=True)
            if reply[0] == "not-acceptable":
                raise NotAcceptable(reply[1])
            if reply[0] == "memory":
                raise TooMuchMemory(reply[1])
            if reply[0] == "error":
                raise QueryFailed(reply[1])
            return reply[1], reply[2], reply[3]

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle = {lane: [] for lane in LANES}
            self._cond.notify_all()
        for w in workers:
            w.kill()
