// title: Targets by indicator
// description: Targets whose indicator contains the given words (地区生产总值, 城镇化率, 研发), across documents and years.
// param: words=地区生产总值 -- words the indicator contains
MATCH (t:Target)
WHERE t.indicator CONTAINS $words
RETURN t.document AS document, t.indicator AS indicator, t.comparator AS comparator, toFloat(t.value) AS value,
       coalesce(t.unit, '') AS unit, t.year AS year
ORDER BY document, indicator, value
