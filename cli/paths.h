#pragma once
// Where ecograph keeps its files: the default database and REPL history.
#include <string>

namespace ecograph::cli {

// $ECOGRAPH_DB if set, else $XDG_DATA_HOME/ecograph/alibaba.db, else
// ~/.local/share/ecograph/alibaba.db.
std::string DefaultDatabasePath();
// $XDG_DATA_HOME/ecograph (or ~/.local/share/ecograph); created on demand.
std::string DataDirectory();

}  // namespace ecograph::cli
