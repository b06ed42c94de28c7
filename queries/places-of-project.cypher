// title: Places of a project
// description: The places a project is located in, with their administrative codes and parents.
// param: project=成渝中线高铁 -- project name or alias
MATCH (p:Project)-[:LOCATED_IN]->(pl:Place)
WHERE p.name = $project OR $project IN p.aliases
OPTIONAL MATCH (pl)-[:PART_OF]->(par:Place) WHERE par.code IS NOT NULL
RETURN DISTINCT pl.name AS place, coalesce(pl.code, '') AS code, coalesce(par.name, '') AS parent
ORDER BY place
