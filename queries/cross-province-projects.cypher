// title: Projects spanning two provinces
// description: Projects located in places of both provinces (through the administrative hierarchy), e.g. projects that tie 四川 and 重庆.
// param: province_a=四川 -- first province (name, alias or code)
// param: province_b=重庆 -- second province
MATCH (pa:Place {level: 1}) WHERE pa.name = $province_a OR $province_a IN pa.aliases OR pa.code = $province_a
MATCH (pb:Place {level: 1}) WHERE pb.name = $province_b OR $province_b IN pb.aliases OR pb.code = $province_b
MATCH (p:Project)-[:LOCATED_IN]->(x:Place)-[:PART_OF*0..]->(pa)
MATCH (p)-[:LOCATED_IN]->(y:Place)-[:PART_OF*0..]->(pb)
RETURN DISTINCT p.name AS project
ORDER BY project
