// title: Projects in a place
// description: Projects located in a place, directly or through a region it belongs to (via names the region).
// param: place=璧山 -- place name, alias, English name or administrative code
MATCH (pl:Place)
WHERE pl.name = $place OR $place IN pl.aliases OR pl.name_en = $place OR pl.code = $place
CALL (pl) {
  MATCH (p:Project)-[:LOCATED_IN]->(pl)
  RETURN p, 'direct' AS via
  UNION
  MATCH (pl)-[:MEMBER_OF*1..]->(r:Place)<-[:LOCATED_IN]-(p:Project)
  RETURN p, r.name AS via
}
RETURN DISTINCT p.name AS project, p.kind AS kind, via
ORDER BY via, project
