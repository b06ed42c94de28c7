// title: Who is responsible for what
// description: Organizations and the measures they lead, as the plans say (牵头单位, 牵头抓总); optionally only organizations whose name contains the given words.
// param: name= -- words the organization's name contains (empty: every organization)
MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m:Measure)
WHERE o.name CONTAINS $name
RETURN DISTINCT o.name AS organization, m.document AS document, m.number AS measure, m.title AS title
ORDER BY organization, document, measure
