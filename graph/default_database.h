#pragma once
// The bundled ecosystem database: created from CSV files on first use.
#include <memory>
#include <string>

#include "storage/store.h"

namespace ecograph::graph {

// Opens db_path; if it does not exist, first builds it from data_dir
// (nodes_*.csv as node files, rels_*.csv as relationship files, each in name
// order) in a temporary sibling directory, creates the indexes on
// (Company|Country|Region|Industry, name) -- unique constraints where the
// names are unique -- and renames it into place, so that the database either
// does not exist or is complete. When another process created it meanwhile,
// that one is used. Import errors come back as kInvalidArgument
// ("file:line:column: ...").
storage::Result<std::unique_ptr<storage::Store>> OpenOrCreateDefault(
    const std::string& db_path, const std::string& data_dir, const storage::OpenOptions& options);

// The bundled data directory: $ECOGRAPH_DATA_DIR if set; else the source
// tree's data/alibaba when it exists (compiled-in path); else
// <directory of the executable>/../share/ecograph/alibaba. kNotFound when
// none of them exists (the message lists the places tried).
storage::Result<std::string> LocateDataDir();

}  // namespace ecograph::graph
