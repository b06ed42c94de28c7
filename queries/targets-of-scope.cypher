// title: Targets of a scope
// description: Targets set for a scope the plan names (主城都市区, 全市, 中心城区 …).
// param: scope=全市 -- the scope as written
MATCH (t:Target {scope: $scope})
RETURN t.indicator AS indicator, t.comparator AS comparator, toFloat(t.value) AS value, coalesce(t.unit, '') AS unit,
       t.year AS year
ORDER BY indicator, value
