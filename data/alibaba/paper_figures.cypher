// Figures of Li & Li (2022), "Analysis of the Internationalization Strategy of
// Cross-Border E-Commerce Enterprises: The Case of Alibaba Group", iBusiness
// 14, 270-283, recomputed from the graph. An event is an ACQUIRED,
// INVESTED_IN or PARTNERED_WITH relationship from an :Alibaba company
// (Alibaba Group, its units, subsidiaries and affiliates such as Ant Group)
// with overseas = true and 2010 <= year <= 2021. compute_figures.py applies
// the same rules to the CSVs and writes paper_figures.expected.

// figure: events_per_year
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
RETURN r.year AS year, count(r) AS events
ORDER BY year

// figure: total_events
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
RETURN count(r) AS events

// figure: target_countries
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)-[:HEADQUARTERED_IN]->(c:Country)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
WITH c, count(r) AS n
RETURN count(c) AS countries

// figure: target_industries
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)-[:IN_INDUSTRY]->(i:Industry)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
WITH i, count(r) AS n
RETURN count(i) AS industries

// figure: country_shares
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)-[:HEADQUARTERED_IN]->(c:Country)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
WITH count(r) AS total,
     count(CASE WHEN c.iso2 = 'US' THEN 1 END) AS us,
     count(CASE WHEN c.iso2 = 'IN' THEN 1 END) AS india,
     count(CASE WHEN c.iso2 = 'IL' THEN 1 END) AS israel
RETURN total, us, round(10000.0 * us / total) / 100.0 AS us_pct,
       india, round(10000.0 * india / total) / 100.0 AS india_pct,
       israel, round(10000.0 * israel / total) / 100.0 AS israel_pct

// figure: investment_regions_since_2013
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN]->(t:Company)-[:HEADQUARTERED_IN]->(c:Country)-[:IN_REGION]->(g:Region)
WHERE r.overseas = true AND r.year >= 2013 AND r.year <= 2021
WITH count(r) AS total,
     count(CASE WHEN g.continent = 'Asia' THEN 1 END) AS asia,
     count(CASE WHEN g.name = 'Northern America' THEN 1 END) AS north_america,
     count(CASE WHEN g.continent = 'Europe' THEN 1 END) AS europe
RETURN total, asia, round(10000.0 * asia / total) / 100.0 AS asia_pct,
       north_america, round(10000.0 * north_america / total) / 100.0 AS north_america_pct,
       europe, round(10000.0 * europe / total) / 100.0 AS europe_pct,
       total - asia - north_america - europe AS other

// figure: holding_ma
MATCH (a:Alibaba)-[r:ACQUIRED]->(t:Company)
WHERE r.overseas = true AND r.controlling = true AND r.year >= 2010 AND r.year <= 2021
RETURN count(r) AS cases

// figure: equity_participation
MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
WITH count(r) AS total
MATCH (a:Alibaba)-[r:INVESTED_IN]->(t:Company)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021
WITH total, count(r) AS invested
RETURN invested, total, round(10000.0 * invested / total) / 100.0 AS invested_pct
