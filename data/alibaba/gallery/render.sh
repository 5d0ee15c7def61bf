#!/bin/sh
# Regenerates the README gallery from the bundled Alibaba data set.
# Run from the repository root after building: sh data/alibaba/gallery/render.sh
# ECOGRAPH names the binary (default build/ecograph), OUT the folder written
# (default data/alibaba/gallery; the tests draw into a temporary one); the
# database is ECOGRAPH_DB, created from data/alibaba on first use.
set -eu
ECOGRAPH=${ECOGRAPH:-build/ecograph}
OUT=${OUT:-data/alibaba/gallery}

"$ECOGRAPH" render --country "South-eastern Asia" --cluster-by country \
  --force -o "$OUT/southeast-asia.svg"
"$ECOGRAPH" render --country India --force -o "$OUT/india.svg"
"$ECOGRAPH" render --type ACQUIRED --timeline --years 2010..2021 \
  --force -o "$OUT/acquisitions-timeline.svg"
"$ECOGRAPH" render --around Lazada --hops 2 --force -o "$OUT/lazada-2-hops.svg"
"$ECOGRAPH" render --years 2015..2016 --force -o "$OUT/deals-2015-2016.svg"
"$ECOGRAPH" path --from "United States" --to Indonesia --top 3 \
  --force --render "$OUT/path.svg"
"$ECOGRAPH" render --cluster-by region --cap 60 \
  --title "Alibaba's overseas deals by region, 2010-2021" \
  --query "MATCH (a:Alibaba)-[d:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t) WHERE d.overseas = true AND d.year >= 2010 AND d.year <= 2021 RETURN a, d, t" \
  --force -o "$OUT/overseas-by-region.svg"
