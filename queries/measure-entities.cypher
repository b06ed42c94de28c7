// title: Everything a measure mentions
// description: The projects, places and organizations one measure of one document names.
// param: document=chongqing-twin-city-action-plan-2023-2027 -- document id
// param: measure=7 -- measure number (integer)
MATCH (m:Measure {document: $document, number: $measure})-[:MENTIONS]->(e)
RETURN DISTINCT CASE WHEN e:Project THEN 'project' WHEN e:Place THEN 'place' ELSE 'organization' END AS type,
       e.name AS entity
ORDER BY type, entity
