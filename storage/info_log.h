#pragma once
// RocksDB's informational log (the LOG file in the database directory).
// Internal to storage/.
//
// RocksDB's own file logger aborts the process (an assertion in its file
// writer) when a write fails, e.g. on a full disk, and renames the old LOG
// to a new LOG.old.<time> on every open. This one writes with stdio, stops
// logging at the first failed write, and keeps one previous log (LOG.old).
#include <rocksdb/env.h>

#include <memory>
#include <string>

namespace ecograph::storage {

// A logger writing `dir`/LOG (the previous one renamed to LOG.old); a
// logger that drops everything when the file cannot be created. Removes
// the LOG.old.<time> files RocksDB's own logger left behind.
std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::string& dir);

// A logger that drops everything (read-only opens write nothing).
std::shared_ptr<rocksdb::Logger> NullInfoLog();

}  // namespace ecograph::storage
