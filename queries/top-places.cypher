// title: Places with the most projects
// description: Places ranked by the number of projects located in them (directly).
// param: limit=10 -- how many places (integer)
MATCH (p:Project)-[:LOCATED_IN]->(pl:Place)
RETURN pl.name AS place, count(DISTINCT p) AS projects
ORDER BY projects DESC, place
LIMIT $limit
