// title: Members of a region
// description: The places that make up a planning region (official composition), directly or through sub-regions.
// param: region=主城新区 -- region name or alias
MATCH (r:Place) WHERE r.name = $region OR $region IN r.aliases
MATCH (m:Place)-[:MEMBER_OF*1..]->(r)
RETURN DISTINCT m.name AS member, coalesce(m.code, '') AS code
ORDER BY member
