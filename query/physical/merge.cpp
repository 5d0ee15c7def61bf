#include "query/physical/operators.h"

namespace ecograph::query {

MergeOperator::MergeOperator(OperatorPtr child, std::shared_ptr<PatternPlan> match,
                             std::vector<CreatePatternSpec> create, std::vector<SetSpec> on_create,
                             std::vector<SetSpec> on_match)
    : match_(std::move(match)), create_(std::move(create)), on_create_(std::move(on_create)),
      on_match_(std::move(on_match)) {
  children_.push_back(std::move(child));
}

void MergeOperator::Open(ExecContext& ctx) {
  Operator::Open(ctx);
  output_.clear();
  next_ = 0;
  done_ = false;
}

bool MergeOperator::NextImpl(ExecContext& ctx, Row* row) {
  if (!done_) {
    done_ = true;
    std::vector<Row> inputs;
    while (child()->Next(ctx, row)) {
      inputs.push_back(*row);
      ctx.CheckRowCount(inputs.size(), "MERGE input");
    }
    // Rows are merged one at a time, so a later row sees what an earlier
    // row created (MERGE never creates the same pattern twice).
    for (Row& input : inputs) {
      ctx.InvalidateCaches();
      match_->argument->SetArgument(&input);
      match_->root->Open(ctx);
      Row matched(input.size());
      std::vector<Row> found;
      while (match_->root->Next(ctx, &matched)) {
        found.push_back(matched);
        ctx.CheckRowCount(found.size(), "MERGE");
      }
      if (found.empty()) {
        Row created = input;
        CreatePattern(ctx, create_, &created, true);
        for (const auto& item : on_create_) ApplySet(ctx, item, created);
        output_.push_back(std::move(created));
      } else {
        for (Row& match : found) {
          for (const auto& item : on_match_) ApplySet(ctx, item, match);
          output_.push_back(std::move(match));
        }
      }
    }
    ctx.InvalidateCaches();
  }
  if (next_ >= output_.size()) return false;
  *row = std::move(output_[next_++]);
  return true;
}

}  // namespace ecograph::query
