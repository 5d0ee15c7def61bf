#pragma once
// SHA-256 (FIPS 180-4), used for the bench checksums. Self-contained.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ecograph::cli {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // Finishes the hash; the object must not be updated afterwards.
  std::array<uint8_t, 32> Finish();

 private:
  void Compress(const uint8_t* block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

// Lower-case hex digest of data.
std::string Sha256Hex(std::string_view data);

}  // namespace ecograph::cli
