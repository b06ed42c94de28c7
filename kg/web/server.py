"""Starting the workbench: the endpoint's HTTP server with the Flask application mounted at ``/``."""
from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str:
    return ("\n" + "!" * 78 + "\n"
            f"WARNING: kg serve is listening on {host}:{port}, not on the loopback interface.\n"
            "Anyone who can reach this address can read the whole graph, every document and run queries\n"
            "(read-only, bounded in time, but unauthenticated and unencrypted). Use --host 127.0.0.1 unless\n"
            "you mean to publish it.\n" + "!" * 78)


def make_workbench_server(workspace, base_iri: str, host: str = "127.0.0.1", port: int = 8890,
                          timeout: float = 10.0, max_rows: int = 10_000, neo4j=None, warm: bool = True,
                          **pool_options):
    """The server of ``kg serve``: /sparql and the workbench, over ``workspace`` (brought up to date first);
    ``pool_options`` (workers, fast_lane, per_client, memory_mb) go to the endpoint's query workers."""
    from kg.graph import load_corpus, rdf_store_path
    from kg.rdf.endpoint import make_server
    from kg.web import create_app

    path = rdf_store_path(workspace, base_iri)
    if warm:  # the corpus, its search index and the boundaries are built once, before the first page
        from kg.analytics.search import index
        from kg.views.geomap import map_data

        corpus = load_corpus(workspace)
        index(corpus)
        map_data(corpus)
    return make_server(path, host=host, port=port, timeout=timeout, max_rows=max_rows, **pool_options,
                       app_factory=lambda endpoint: create_app(workspace, base_iri, endpoint=endpoint, neo4j=neo4j))
