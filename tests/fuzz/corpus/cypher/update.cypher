UNWIND [1, 2.5, 'x', null, [true]] AS v WITH v, CASE WHEN v IS NULL THEN 0 ELSE 1 END AS c RETURN v, c UNION ALL RETURN 1, 2;
CREATE (n:A {k: $p})-[:R {w: -1e3}]->(m) SET n.x = coalesce(m.y, 'z') REMOVE n:B DETACH DELETE m;
