// title: Documents in the graph
// description: Each document with its kind, period and how many measures, projects and targets it has.
MATCH (d:Plan)
CALL (d) { OPTIONAL MATCH (d)-[:HAS_MEASURE]->(m:Measure) RETURN count(DISTINCT m) AS measures }
CALL (d) { OPTIONAL MATCH (d)<-[:IN_DOCUMENT]-(:Mention)-[:MENTION_OF]->(p:Project) RETURN count(DISTINCT p) AS projects }
CALL (d) { OPTIONAL MATCH (t:Target {document: d.id}) RETURN count(DISTINCT t) AS targets }
RETURN d.id AS document, d.title AS title, d.kind AS kind, d.start_year AS start_year, d.end_year AS end_year,
       measures, projects, targets
ORDER BY document
