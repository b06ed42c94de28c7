// title: Who is responsible for what
// description: Organizations and the measures they lead, as the plans say (牵头单位, 牵头抓总).
MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m:Measure)
RETURN DISTINCT o.name AS organization, m.document AS document, m.number AS measure, m.title AS title
ORDER BY organization, document, measure
