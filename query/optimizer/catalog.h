#pragma once
// Catalog: what the optimizer rules may ask about the database. A small
// interface so each rule is unit-tested against a hand-made catalog.
#include <cstdint>
#include <string>

namespace ecograph::query {

class Catalog {
 public:
  virtual ~Catalog() = default;
  virtual bool HasIndex(const std::string& label, const std::string& key) const = 0;
  virtual uint64_t LabelCount(const std::string& label) const = 0;
  virtual uint64_t NodeCount() const = 0;
};

}  // namespace ecograph::query
