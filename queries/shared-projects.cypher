// title: Places that share projects
// description: Pairs of cities, districts and counties tied to the same project, one row per shared project.
MATCH (a:Place)<-[:LOCATED_IN]-(p:Project)-[:LOCATED_IN]->(b:Place)
WHERE a.level >= 2 AND b.level >= 2 AND a.name < b.name
RETURN DISTINCT a.name AS place_a, b.name AS place_b, p.name AS project
ORDER BY place_a, place_b, project
