#include "cli/paths.h"

#include <cstdlib>
#include <filesystem>

namespace ecograph::cli {

std::string DataDirectory() {
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    base = std::filesystem::temp_directory_path();
  }
  std::filesystem::path dir = base / "ecograph";
  std::error_code ignored;
  std::filesystem::create_directories(dir, ignored);
  return dir.string();
}

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("ECOGRAPH_DB"); env != nullptr && *env != '\0') return env;
  return (std::filesystem::path(DataDirectory()) / "alibaba.db").string();
}

}  // namespace ecograph::cli
