// Fuzz target: CSV import (scanner, header, typed fields, UTF-8, positions).
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/import_fuzz_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ecograph::fuzz::ImportFixture fixture;
  std::string input(reinterpret_cast<const char*>(data), size);
  bool rels = input.rfind(":START_ID", 0) == 0;
  fixture.Import("input.csv", input, rels, size % 3 == 0 ? 0 : 4);
  return 0;
}
