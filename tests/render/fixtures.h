#pragma once
// Hand-built graphs for the render tests: a tiny fixed subgraph (golden DOT)
// and a ~40-company ecosystem in a MemoryTransaction (layouts, selection).
#include <map>
#include <string>

#include "graph/subgraph.h"
#include "memory_transaction.h"

namespace ecograph::testing {

// Non-overlapping occurrences of `needle` in `haystack`.
inline size_t Count(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

inline storage::NodeRecord MakeNode(storage::NodeId id, std::string label,
                                    storage::PropertyMap properties) {
  return storage::NodeRecord{id, {std::move(label)}, std::move(properties)};
}

inline storage::RelRecord MakeRel(storage::RelId id, storage::NodeId src, storage::NodeId dst,
                                  std::string type, storage::PropertyMap properties = {}) {
  return storage::RelRecord{id, src, dst, std::move(type), std::move(properties)};
}

// Six nodes, one of each company role that matters, every deal kind and a
// context edge. Ids are deliberately out of order.
inline graph::Subgraph TinySubgraph() {
  graph::Subgraph subgraph;
  subgraph.title =
      "Tiny ecosystem \xE2\x80\x94 test, 2014\xE2\x80\x93"
      "2018";
  subgraph.AddNode(MakeNode(5, "Company", {{"name", "Lazada"}, {"role", "acquired"}}));
  subgraph.AddNode(MakeNode(1, "Company", {{"name", "Alibaba Group"}, {"role", "group"}}));
  subgraph.AddNode(MakeNode(3, "Company", {{"name", "Paytm"}, {"role", "investee"}}));
  subgraph.AddNode(MakeNode(4, "Company", {{"name", "Starbucks"}, {"role", "partner"}}));
  subgraph.AddNode(MakeNode(2, "Company", {{"name", "Ant Group"}, {"role", "affiliate"}}));
  subgraph.AddNode(MakeNode(6, "Country", {{"name", "Singapore"}, {"iso2", "SG"}}));
  subgraph.AddRel(MakeRel(14, 5, 6, "HEADQUARTERED_IN"));
  subgraph.AddRel(
      MakeRel(10, 1, 5, "ACQUIRED",
              {{"year", 2016}, {"amount_usd", int64_t{1000000000}}, {"stake_pct", 51}}));
  subgraph.AddRel(MakeRel(11, 2, 3, "INVESTED_IN", {{"year", 2015}, {"amount_usd", 575000000.0}}));
  subgraph.AddRel(MakeRel(12, 1, 4, "PARTNERED_WITH", {{"year", 2018}}));
  subgraph.AddRel(MakeRel(13, 2, 1, "AFFILIATE_OF", {{"stake_pct", 33}}));
  return subgraph;
}

// A ~40-company ecosystem shaped like the bundled data: regions, countries,
// industries, a group with units, acquisitions, investments, partners.
inline void BuildEcosystem(MemoryTransaction& txn) {
  std::map<std::string, storage::NodeId> id;
  const auto region = [&](const std::string& name) {
    id[name] = txn.Node({"Region"}, {{"name", name}});
  };
  const auto country = [&](const std::string& name, const std::string& iso,
                           const std::string& in_region) {
    id[name] = txn.Node({"Country"}, {{"name", name}, {"iso2", iso}});
    txn.Rel(id[name], id[in_region], "IN_REGION");
  };
  const auto industry = [&](const std::string& name) {
    id[name] = txn.Node({"Industry"}, {{"name", name}});
  };
  const auto company = [&](const std::string& name, const std::string& role, const std::string& hq,
                           const std::string& sector) {
    id[name] = txn.Node({"Company"}, {{"name", name}, {"role", role}});
    txn.Rel(id[name], id[hq], "HEADQUARTERED_IN");
    txn.Rel(id[name], id[sector], "IN_INDUSTRY");
  };
  const auto deal = [&](const std::string& src, const std::string& type, const std::string& dst,
                        int year, double amount, double stake) {
    storage::PropertyMap properties = {{"year", year}, {"source", "test fixture"}};
    if (amount > 0) properties["amount_usd"] = amount;
    if (stake > 0) properties["stake_pct"] = stake;
    txn.Rel(id[src], id[dst], type, properties);
  };
  for (const char* name : {"East Asia", "Southeast Asia", "South Asia", "North America"}) {
    region(name);
  }
  country("China", "CN", "East Asia");
  country("South Korea", "KR", "East Asia");
  country("Singapore", "SG", "Southeast Asia");
  country("Indonesia", "ID", "Southeast Asia");
  country("Thailand", "TH", "Southeast Asia");
  country("Philippines", "PH", "Southeast Asia");
  country("India", "IN", "South Asia");
  country("Pakistan", "PK", "South Asia");
  country("Bangladesh", "BD", "South Asia");
  country("United States", "US", "North America");
  for (const char* name : {"E-commerce", "Fintech", "Logistics", "Cloud computing",
                           "Media & entertainment", "Food & retail", "Mobility"}) {
    industry(name);
  }
  company("Alibaba Group", "group", "China", "E-commerce");
  company("Taobao", "business unit", "China", "E-commerce");
  company("Tmall", "business unit", "China", "E-commerce");
  company("Alibaba Cloud", "business unit", "China", "Cloud computing");
  company("Cainiao Smart Logistics Network", "subsidiary", "China", "Logistics");
  company("Ant Group", "affiliate", "China", "Fintech");
  company("Lazada", "acquired", "Singapore", "E-commerce");
  company("Daraz", "acquired", "Pakistan", "E-commerce");
  company("Youku Tudou", "acquired", "China", "Media & entertainment");
  company("UCWeb", "acquired", "China", "Media & entertainment");
  company("AutoNavi", "acquired", "China", "Mobility");
  company("Ele.me", "acquired", "China", "Food & retail");
  company("Tokopedia", "investee", "Indonesia", "E-commerce");
  company("Paytm", "investee", "India", "Fintech");
  company("BigBasket", "investee", "India", "Food & retail");
  company("Sun Art Retail", "investee", "China", "Food & retail");
  company("Weibo", "investee", "China", "Media & entertainment");
  company("Suning.com", "investee", "China", "E-commerce");
  company("Xpeng", "investee", "China", "Mobility");
  company("Zomato", "investee", "India", "Food & retail");
  company("Kakao Pay", "investee", "South Korea", "Fintech");
  company("Mynt (GCash)", "investee", "Philippines", "Fintech");
  company("Ascend Money", "investee", "Thailand", "Fintech");
  company("bKash", "investee", "Bangladesh", "Fintech");
  company("DANA", "investee", "Indonesia", "Fintech");
  company("Starbucks", "partner", "United States", "Food & retail");
  company("Marriott International", "partner", "United States", "Food & retail");
  company("Ford", "partner", "United States", "Mobility");
  deal("Taobao", "SUBSIDIARY_OF", "Alibaba Group", 2003, 0, 100);
  deal("Tmall", "SUBSIDIARY_OF", "Alibaba Group", 2008, 0, 100);
  deal("Alibaba Cloud", "SUBSIDIARY_OF", "Alibaba Group", 2009, 0, 100);
  deal("Cainiao Smart Logistics Network", "SUBSIDIARY_OF", "Alibaba Group", 2013, 0, 63);
  deal("Ant Group", "AFFILIATE_OF", "Alibaba Group", 2014, 0, 33);
  deal("Alibaba Group", "ACQUIRED", "Lazada", 2016, 1.0e9, 51);
  deal("Alibaba Group", "ACQUIRED", "Daraz", 2018, 0, 0);
  deal("Alibaba Group", "ACQUIRED", "Youku Tudou", 2015, 4.5e9, 0);
  deal("Alibaba Group", "ACQUIRED", "UCWeb", 2014, 1.9e9, 0);
  deal("Alibaba Group", "ACQUIRED", "AutoNavi", 2014, 1.5e9, 0);
  deal("Alibaba Group", "ACQUIRED", "Ele.me", 2018, 9.5e9, 0);
  deal("Alibaba Group", "INVESTED_IN", "Tokopedia", 2017, 1.1e9, 0);
  deal("Alibaba Group", "INVESTED_IN", "Paytm", 2015, 0, 0);
  deal("Ant Group", "INVESTED_IN", "Paytm", 2015, 575e6, 0);
  deal("Alibaba Group", "INVESTED_IN", "BigBasket", 2018, 300e6, 0);
  deal("Alibaba Group", "INVESTED_IN", "Sun Art Retail", 2017, 2.9e9, 36.2);
  deal("Alibaba Group", "INVESTED_IN", "Weibo", 2013, 586e6, 18);
  deal("Alibaba Group", "INVESTED_IN", "Suning.com", 2015, 4.6e9, 20);
  deal("Alibaba Group", "INVESTED_IN", "Xpeng", 2017, 0, 0);
  deal("Ant Group", "INVESTED_IN", "Zomato", 2018, 210e6, 0);
  deal("Ant Group", "INVESTED_IN", "Kakao Pay", 2017, 200e6, 0);
  deal("Ant Group", "INVESTED_IN", "Mynt (GCash)", 2017, 0, 0);
  deal("Ant Group", "INVESTED_IN", "Ascend Money", 2016, 0, 20);
  deal("Ant Group", "INVESTED_IN", "bKash", 2018, 0, 20);
  deal("Ant Group", "INVESTED_IN", "DANA", 2018, 0, 0);
  deal("Alibaba Group", "PARTNERED_WITH", "Starbucks", 2018, 0, 0);
  deal("Alibaba Group", "PARTNERED_WITH", "Marriott International", 2017, 0, 0);
  deal("Alibaba Group", "PARTNERED_WITH", "Ford", 2017, 0, 0);
  deal("Lazada", "ACQUIRED", "Daraz", 2018, 0, 0);
  deal("Cainiao Smart Logistics Network", "PARTNERED_WITH", "Lazada", 2018, 0, 0);
}

}  // namespace ecograph::testing
