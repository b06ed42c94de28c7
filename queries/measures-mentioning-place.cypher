// title: Measures that mention a place
// description: Every measure, in every document, that names the place (directly, not through a region).
// param: place=万州 -- place name, alias, English name or administrative code
MATCH (pl:Place)
WHERE pl.name = $place OR $place IN pl.aliases OR pl.name_en = $place OR pl.code = $place
MATCH (m:Measure)-[:MENTIONS]->(pl)
RETURN DISTINCT m.document AS document, m.number AS measure, m.title AS title
ORDER BY document, measure
