MERGE (n:X {id: 1}) ON CREATE SET n.c = 1 ON MATCH SET n.c = n.c + 1 RETURN shortestPath((n)-[*]-(:Y)) AS p, [x IN range(1, 10) WHERE x % 2 = 0 | x * x] AS sq, {a: 1, b: [1, 2]} AS m, `quoted name`;
CALL db.labels() YIELD label RETURN label; EXPLAIN MATCH (a) OPTIONAL MATCH (a)<-[r]-(b) RETURN a /* c */ // x
