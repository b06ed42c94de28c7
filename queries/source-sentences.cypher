// title: Where the plan says it
// description: The source sentences of an entity - every mention, with document, measure and the words as written.
// param: entity=重庆新机场 -- project, place or organization name (or alias)
MATCH (e) WHERE (e:Project OR e:Place OR e:Organization) AND (e.name = $entity OR $entity IN e.aliases)
MATCH (m:Mention)-[:MENTION_OF]->(e)
RETURN DISTINCT m.document AS document, coalesce(m.measure, -1) AS measure, m.start AS start, m.text AS exact,
       m.sentence AS sentence
ORDER BY document, start
