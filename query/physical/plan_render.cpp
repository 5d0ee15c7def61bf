#include <cstdio>

#include "query/physical/operator.h"

namespace ecograph::query {

namespace {

void Render(const Operator& op, bool profile, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append("+");
  out->append(op.Describe());
  if (profile) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "  rows=%llu time=%.3f ms",
                  static_cast<unsigned long long>(op.rows()), op.elapsed_ms());
    out->append(buf);
  }
  out->append("\n");
  if (const Operator* nested = op.Nested()) {
    out->append(static_cast<size_t>(depth + 1) * 2, ' ');
    out->append("(per row)\n");
    Render(*nested, profile, depth + 2, out);
  }
  for (const auto& child : op.children()) Render(*child, profile, depth + 1, out);
}

}  // namespace

std::string RenderPlan(const Operator& root, bool profile) {
  std::string out;
  Render(root, profile, 0, &out);
  return out;
}

}  // namespace ecograph::query
