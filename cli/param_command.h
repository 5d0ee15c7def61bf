#pragma once
// The shell's `:param`, as in cypher-shell: values are Cypher expressions,
// evaluated by the query engine with the parameters already set.
//   :param name 'Turkey'      :param name => 'Turkey'      :param name: 'Turkey'
//   :param {name: 'Turkey', year: 2018}
#include <string>
#include <utility>
#include <vector>

#include "query/engine.h"

namespace ecograph::cli {

struct ParamAssignments {
  // Names and values in the order given; empty when `error` is set.
  std::vector<std::pair<std::string, query::Value>> values;
  // "1:14: ..." with the line and carets, relative to the meta-command line.
  std::string error;
};

// Evaluates the arguments of `line`, which starts with ":param"; `args`
// is the byte offset of the arguments in `line`.
ParamAssignments EvaluateParamCommand(query::QueryEngine& engine, const std::string& line,
                                      size_t args, const query::Params& params,
                                      const query::QueryOptions& options);

}  // namespace ecograph::cli
