#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "storage/store.h"
#include "tests/storage/test_util.h"

namespace ecograph::storage {
namespace {

namespace fs = std::filesystem;
using testing::Drain;
using testing::JoinProblems;
using testing::OpenOrFail;
using testing::ScratchDir;

std::unique_ptr<BulkLoader> Loader(Store* store) {
  auto loader = store->BeginBulkLoad();
  EXPECT_TRUE(loader.ok()) << loader.status().ToString();
  return std::move(loader).value();
}

struct Snapshot {
  StoreCounts counts;
  std::vector<std::string> labels;
  std::vector<NodeId> nodes;
  size_t rels = 0;
};

Snapshot Capture(Store* store) {
  auto read = store->BeginRead();
  Snapshot s;
  s.counts = read->Counts();
  s.labels = read->Labels();
  s.nodes = Drain(read->ScanNodes().get());
  s.rels = Drain(read->ScanRels(std::nullopt).get()).size();
  return s;
}

void ExpectSame(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.counts.nodes, b.counts.nodes);
  EXPECT_EQ(a.counts.relationships, b.counts.relationships);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.nodes, b.nodes);
  EXPECT_EQ(a.rels, b.rels);
}

TEST(BulkLoaderTest, IngestIsConsistentWithTransactionalData) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId existing;
  {
    auto txn = std::move(store->BeginWrite()).value();
    ASSERT_TRUE(txn->CreateIndex({"Pkg", "name", true}).ok());
    ASSERT_TRUE(txn->CreateIndex({"Pkg", "stars", false}).ok());
    existing = *txn->CreateNode({"Pkg"}, {{"name", "root"}, {"stars", 5}});
    ASSERT_TRUE(txn->Commit().ok());
  }
  uint64_t version = store->version();
  auto loader = Loader(store.get());
  std::vector<NodeId> ids;
  const int kNodes = 2000;
  for (int node_idx = 0; node_idx < kNodes; ++node_idx) {
    std::vector<std::string> labels = {"Pkg"};
    if (node_idx % 2) labels.push_back("Odd");
    ids.push_back(loader->AddNode(
        labels, {{"name", std::string("p").append(std::to_string(node_idx))}, {"stars", node_idx % 10}}));
  }
  EXPECT_TRUE(loader->NodeExists(ids[5]));
  EXPECT_TRUE(loader->NodeExists(existing));
  EXPECT_FALSE(loader->NodeExists(ids.back() + 1000));
  std::mt19937_64 rng(11);
  const int kRels = 20000;
  for (int rel_idx = 0; rel_idx < kRels; ++rel_idx) {
    NodeId src = rel_idx < 1000 ? existing : ids[rng() % ids.size()];
    NodeId dst = ids[rng() % ids.size()];
    loader->AddRel(src, dst, rel_idx % 3 ? "DEPENDS_ON" : "DEV_DEPENDS_ON", {{"w", rel_idx}});
  }
  ASSERT_TRUE(loader->Finish().ok());
  EXPECT_GT(store->version(), version);
  EXPECT_FALSE(loader->Finish().ok());

  auto read = store->BeginRead();
  EXPECT_EQ(read->Counts().nodes, kNodes + 1u);
  EXPECT_EQ(read->Counts().relationships, static_cast<uint64_t>(kRels));
  EXPECT_EQ(read->CountLabel("Odd"), kNodes / 2u);
  EXPECT_EQ(read->CountRelType("DEV_DEPENDS_ON"), (kRels + 2u) / 3u);
  EXPECT_EQ(*read->Degree(existing, Direction::kOutgoing, {}), 1000u);
  EXPECT_EQ(Drain(read->Expand(existing, Direction::kOutgoing, {"DEPENDS_ON"}).get()).size(), 666u);
  auto p7 =
      Drain(read->IndexSeek("Pkg", "name", IndexBound{"p7", true}, IndexBound{"p7", true}).get());
  EXPECT_EQ(p7, (std::vector<NodeId>{ids[7]}));
  auto stars =
      Drain(read->IndexSeek("Pkg", "stars", IndexBound{5, true}, IndexBound{5, true}).get());
  EXPECT_EQ(stars.size(), kNodes / 10u + 1u);
  auto node = *read->GetNode(ids[3]);
  EXPECT_EQ(node->labels, (std::vector<std::string>{"Odd", "Pkg"}));
  EXPECT_EQ(node->properties.at("stars"), PropertyValue(3));
  CheckReport report = store->Check();
  EXPECT_TRUE(report.ok()) << JoinProblems(report);
  EXPECT_EQ(report.rels_checked, static_cast<uint64_t>(kRels));

  // Transactions keep working on top, with ids after the loaded ones.
  auto txn = std::move(store->BeginWrite()).value();
  NodeId next = *txn->CreateNode({"Pkg"}, {{"name", "after"}});
  EXPECT_GT(next, ids.back());
  EXPECT_EQ(txn->CreateNode({"Pkg"}, {{"name", "p1"}}).status().code(),
            StatusCode::kConstraintViolation);
  ASSERT_TRUE(txn->DeleteNode(ids[0], true).ok());
  ASSERT_TRUE(txn->Commit().ok());
  report = store->Check();
  EXPECT_TRUE(report.ok()) << JoinProblems(report);

  // Survives reopen.
  read.reset();
  txn.reset();
  store.reset();
  store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ(store->BeginRead()->Counts().nodes, kNodes + 1u);
  report = store->Check();
  EXPECT_TRUE(report.ok()) << JoinProblems(report);
  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find("bulk-tmp"), std::string::npos);
  }
}

TEST(BulkLoaderTest, AbortLeavesDatabaseUnchanged) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  {
    auto txn = std::move(store->BeginWrite()).value();
    ASSERT_TRUE(txn->CreateNode({"A"}, {}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  Snapshot before = Capture(store.get());
  {
    auto loader = Loader(store.get());
    NodeId a = loader->AddNode({"B"}, {{"k", 1}});
    loader->AddRel(a, a, "R", {});
    loader->Abort();
  }
  {
    auto loader = Loader(store.get());  // destroyed without Finish
    loader->AddNode({"B"}, {});
  }
  ExpectSame(before, Capture(store.get()));
  EXPECT_TRUE(store->Check().ok());
}

TEST(BulkLoaderTest, UniqueViolationFailsAndLeavesDatabaseUnchanged) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  {
    auto txn = std::move(store->BeginWrite()).value();
    ASSERT_TRUE(txn->CreateIndex({"User", "email", true}).ok());
    ASSERT_TRUE(txn->CreateNode({"User"}, {{"email", "taken"}}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  Snapshot before = Capture(store.get());
  {
    // Duplicate within the load.
    auto loader = Loader(store.get());
    NodeId a = loader->AddNode({"User"}, {{"email", "x"}});
    NodeId b = loader->AddNode({"User"}, {{"email", "x"}});
    loader->AddRel(a, b, "KNOWS", {});
    Status s = loader->Finish();
    EXPECT_EQ(s.code(), StatusCode::kConstraintViolation);
    EXPECT_NE(s.message().find(":User(email)"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("'x'"), std::string::npos) << s.message();
  }
  {
    // Duplicate of a value already in the database.
    auto loader = Loader(store.get());
    loader->AddNode({"User"}, {{"email", "taken"}});
    EXPECT_EQ(loader->Finish().code(), StatusCode::kConstraintViolation);
  }
  ExpectSame(before, Capture(store.get()));
  EXPECT_TRUE(store->Check().ok());
  // Different values load fine.
  auto loader = Loader(store.get());
  loader->AddNode({"User"}, {{"email", "new"}});
  loader->AddNode({"Other"}, {{"email", "taken"}});
  ASSERT_TRUE(loader->Finish().ok());
  EXPECT_EQ(store->BeginRead()->CountLabel("User"), 2u);
  EXPECT_TRUE(store->Check().ok());
}

TEST(BulkLoaderTest, TwoLoadsInARowAccumulate) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId hub = 0;
  for (int load = 0; load < 3; ++load) {
    auto loader = Loader(store.get());
    if (load == 0) hub = loader->AddNode({"Hub"}, {});
    for (int rel_idx = 0; rel_idx < 500; ++rel_idx) {
      NodeId leaf = loader->AddNode({"Leaf"}, {});
      loader->AddRel(hub, leaf, "HAS", {});
    }
    ASSERT_TRUE(loader->Finish().ok());
  }
  auto read = store->BeginRead();
  EXPECT_EQ(*read->Degree(hub, Direction::kOutgoing, {"HAS"}), 1500u);
  EXPECT_EQ(read->Counts().relationships, 1500u);
  EXPECT_EQ(read->CountLabel("Leaf"), 1500u);
  CheckReport report = store->Check();
  EXPECT_TRUE(report.ok()) << JoinProblems(report);
}

}  // namespace
}  // namespace ecograph::storage
