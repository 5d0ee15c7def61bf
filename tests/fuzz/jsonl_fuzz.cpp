// Fuzz target: JSON Lines import (JSON syntax, nesting, values, ids).
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/import_fuzz_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ecograph::fuzz::ImportFixture fixture;
  std::string input(reinterpret_cast<const char*>(data), size);
  fixture.Import("input.jsonl", input, /*as_rels=*/false, size % 3 == 0 ? 0 : 4);
  return 0;
}
