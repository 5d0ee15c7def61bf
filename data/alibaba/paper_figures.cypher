// Figures of Li & Li (2022), "Analysis of the Internationalization Strategy of
// Cross-Border E-Commerce Enterprises: The Case of Alibaba Group", iBusiness
// 14, 270-283, recomputed from the graph under the paper's scope. An event is
// an ACQUIRED, INVESTED_IN or PARTNERED_WITH relationship with
// paper_scope = true: acting business inside Alibaba Group's consolidated
// perimeter (not Ant Group, not a third party), target headquartered outside
// mainland China, Hong Kong and Macau, 2010 <= year <= 2021.
// compute_figures.py applies the same rules to the CSVs and writes
// paper_figures.expected; paper_comparison.csv compares them with the paper.

// figure: events_per_year
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.paper_scope = true
RETURN r.year AS year, count(r) AS events
ORDER BY year

// figure: events_2015
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.paper_scope = true AND r.year = 2015
RETURN count(r) AS events

// figure: peak_year
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.paper_scope = true
RETURN r.year AS year, count(r) AS events
ORDER BY events DESC, year
LIMIT 1

// figure: total_events
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.paper_scope = true
RETURN count(r) AS events

// figure: overseas_events_by_acting
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021 AND r.acting <> 'third party'
RETURN r.acting AS acting, count(r) AS events
ORDER BY events DESC, acting

// figure: target_countries
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)-[:HEADQUARTERED_IN]->(c:Country)
WHERE r.paper_scope = true
WITH c, count(r) AS n
RETURN count(c) AS countries

// figure: target_industries
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)-[:IN_INDUSTRY]->(i:Industry)
WHERE r.paper_scope = true
WITH i, count(r) AS n
RETURN count(i) AS industries

// figure: country_shares
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)-[:HEADQUARTERED_IN]->(c:Country)
WHERE r.paper_scope = true
WITH count(r) AS total,
     count(CASE WHEN c.iso2 = 'US' THEN 1 END) AS us,
     count(CASE WHEN c.iso2 = 'IN' THEN 1 END) AS india,
     count(CASE WHEN c.iso2 = 'IL' THEN 1 END) AS israel
RETURN total, us, round(10000.0 * us / total) / 100.0 AS us_pct,
       india, round(10000.0 * india / total) / 100.0 AS india_pct,
       israel, round(10000.0 * israel / total) / 100.0 AS israel_pct

// figure: investment_regions_since_2013
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN]->(t:Company)-[:HEADQUARTERED_IN]->(c:Country)-[:IN_REGION]->(g:Region)
WHERE r.paper_scope = true AND r.year >= 2013
WITH count(r) AS total,
     count(CASE WHEN g.continent = 'Asia' THEN 1 END) AS asia,
     count(CASE WHEN g.name = 'Northern America' THEN 1 END) AS north_america,
     count(CASE WHEN g.continent = 'Europe' THEN 1 END) AS europe
RETURN total, asia, round(10000.0 * asia / total) / 100.0 AS asia_pct,
       north_america, round(10000.0 * north_america / total) / 100.0 AS north_america_pct,
       europe, round(10000.0 * europe / total) / 100.0 AS europe_pct,
       total - asia - north_america - europe AS other

// figure: holding_ma
MATCH (a:Company)-[r:ACQUIRED]->(t:Company)
WHERE r.paper_scope = true AND r.controlling = true
RETURN count(r) AS cases

// figure: equity_participation
MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company)
WHERE r.paper_scope = true
WITH count(r) AS total
MATCH (a:Company)-[r:INVESTED_IN]->(t:Company)
WHERE r.paper_scope = true
WITH total, count(r) AS invested
RETURN invested, total, round(10000.0 * invested / total) / 100.0 AS invested_pct
