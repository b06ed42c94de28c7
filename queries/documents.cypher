// title: Documents in the graph
// description: Each document with its kind, period and how many measures, projects and targets it has.
MATCH (d:Plan)
RETURN d.id AS document, d.title AS title, d.kind AS kind, d.start_year AS start_year, d.end_year AS end_year,
       d.measure_count AS measures, d.project_count AS projects, d.target_count AS targets
ORDER BY document
