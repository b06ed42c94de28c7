// title: Targets by year
// description: The quantitative targets that aim at a year, by document and indicator.
// param: year=2027 -- target year (integer)
MATCH (t:Target {year: $year})
RETURN t.document AS document, t.indicator AS indicator, t.comparator AS comparator, toFloat(t.value) AS value,
       coalesce(t.unit, '') AS unit
ORDER BY document, indicator, value
