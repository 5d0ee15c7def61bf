MATCH (a:Company {name: 'Alibaba'})-[d:ACQUIRED*1..3]->(t) WHERE d.year >= 2010 AND t.name =~ 'L.*' RETURN t.name AS name, count(*) ORDER BY name DESC SKIP 1 LIMIT 5;
