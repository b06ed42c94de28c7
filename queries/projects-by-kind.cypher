// title: Projects by kind
// description: Projects of one kind (airport, railway, urban_rail, road, bridge, tunnel, port, waterway, power_plant, pumped_storage, grid, gas_storage, reservoir, water_works, zone, lab, platform, corridor, programme, other), with the status verb the plan gives them.
// param: kind=railway -- project kind
MATCH (p:Project {kind: $kind})
RETURN DISTINCT p.name AS project, coalesce(p.status, '') AS status
ORDER BY project
