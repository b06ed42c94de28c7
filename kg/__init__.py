"""plan-kg: Chinese government plans as a queryable knowledge graph.

The library is organised around one canonical model (:mod:`kg.model`) built by
the extractor (:mod:`kg.extract`) and projected to RDF (:mod:`kg.rdf`), Neo4j
(:mod:`kg.neo4j`), networkx (:mod:`kg.analytics`) and views (:mod:`kg.views`).
"""

__version__ = "0.1.0"
