#include "storage/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "tests/storage/test_util.h"

namespace ecograph::storage {
namespace {

namespace fs = std::filesystem;
using testing::Drain;
using testing::JoinProblems;
using testing::OpenOrFail;
using testing::ScratchDir;

std::unique_ptr<Transaction> Write(Store* store) {
  auto txn = store->BeginWrite();
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  return std::move(txn).value();
}

void ExpectCheckOk(Store* store) {
  CheckReport report = store->Check();
  EXPECT_TRUE(report.ok()) << JoinProblems(report);
}

std::vector<NodeId> Seek(Transaction* txn, const std::string& label, const std::string& key,
                         std::optional<IndexBound> lo, std::optional<IndexBound> hi) {
  auto it = txn->IndexSeek(label, key, std::move(lo), std::move(hi));
  return Drain(it.get());
}

TEST(StoreTest, CreateReadUpdateDeleteNodes) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId a, b;
  {
    auto txn = Write(store.get());
    a = *txn->CreateNode({"Package", "Crate", "Package"}, {{"name", "serde"}, {"stars", 9000}});
    b = *txn->CreateNode({}, {{"x", 1.5}, {"nothing", PropertyValue()}});
    // The writer sees its own writes.
    auto node = *txn->GetNode(a);
    ASSERT_TRUE(node.has_value());
    EXPECT_EQ(node->labels, (std::vector<std::string>{"Crate", "Package"}));
    EXPECT_EQ(node->properties.at("name"), PropertyValue("serde"));
    EXPECT_EQ(txn->Counts().nodes, 2u);
    ASSERT_TRUE(txn->Commit(true).ok());
  }
  EXPECT_NE(a, b);
  auto read = store->BeginRead();
  EXPECT_FALSE(read->is_writable());
  auto node_b = *read->GetNode(b);
  ASSERT_TRUE(node_b.has_value());
  EXPECT_TRUE(node_b->labels.empty());
  EXPECT_EQ(node_b->properties.size(), 1u);  // null is not stored
  EXPECT_FALSE(read->GetNode(12345)->has_value());
  EXPECT_EQ(read->CountLabel("Package"), 1u);
  EXPECT_EQ(read->Labels(), (std::vector<std::string>{"Crate", "Package"}));
  EXPECT_EQ(Drain(read->ScanNodes().get()), (std::vector<NodeId>{a, b}));
  EXPECT_EQ(read->CreateNode({}, {}).status().code(), StatusCode::kReadOnly);

  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->SetNodeProperty(a, "stars", 9001).ok());
    ASSERT_TRUE(txn->SetNodeProperty(a, "name", PropertyValue()).ok());
    ASSERT_TRUE(txn->AddLabel(b, "Module").ok());
    ASSERT_TRUE(txn->RemoveLabel(a, "Crate").ok());
    EXPECT_EQ(txn->SetNodeProperty(999, "k", 1).code(), StatusCode::kNotFound);
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read2 = store->BeginRead();
  auto node_a = *read2->GetNode(a);
  EXPECT_EQ(node_a->labels, (std::vector<std::string>{"Package"}));
  EXPECT_EQ(node_a->properties, (PropertyMap{{"stars", 9001}}));
  EXPECT_EQ(read2->CountLabel("Crate"), 0u);
  EXPECT_EQ(read2->Labels(), (std::vector<std::string>{"Module", "Package"}));
  EXPECT_EQ(Drain(read2->ScanLabel("Module").get()), (std::vector<NodeId>{b}));
  EXPECT_TRUE(Drain(read2->ScanLabel("NoSuchLabel").get()).empty());
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->DeleteNode(a, false).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read3 = store->BeginRead();
  EXPECT_FALSE(read3->GetNode(a)->has_value());
  EXPECT_EQ(read3->Counts().nodes, 1u);
  ExpectCheckOk(store.get());
}

TEST(StoreTest, RelationshipsAndAdjacency) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  auto txn = Write(store.get());
  NodeId a = *txn->CreateNode({"N"}, {});
  NodeId b = *txn->CreateNode({"N"}, {});
  NodeId c = *txn->CreateNode({"N"}, {});
  RelId ab = *txn->CreateRel(a, b, "DEPENDS_ON", {{"since", 2020}});
  RelId ac = *txn->CreateRel(a, c, "DEPENDS_ON", {});
  RelId ca = *txn->CreateRel(c, a, "MAINTAINS", {});
  RelId aa = *txn->CreateRel(a, a, "SELF", {});
  EXPECT_EQ(txn->CreateRel(a, 999, "X", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(txn->CreateRel(a, b, "", {}).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(txn->Commit().ok());

  auto read = store->BeginRead();
  auto rel = *read->GetRel(ab);
  ASSERT_TRUE(rel.has_value());
  EXPECT_EQ(rel->src, a);
  EXPECT_EQ(rel->dst, b);
  EXPECT_EQ(rel->type, "DEPENDS_ON");
  EXPECT_EQ(rel->properties.at("since"), PropertyValue(2020));
  auto header = *read->GetRelHeader(ab);
  EXPECT_TRUE(header->properties.empty());
  EXPECT_EQ(header->type, "DEPENDS_ON");

  auto out = Drain(read->Expand(a, Direction::kOutgoing, {}).get());
  ASSERT_EQ(out.size(), 3u);
  for (const auto& e : out) EXPECT_TRUE(e.outgoing);
  auto deps = Drain(read->Expand(a, Direction::kOutgoing, {"DEPENDS_ON"}).get());
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_EQ(deps[0].neighbor, b);
  EXPECT_EQ(deps[0].rel, ab);
  EXPECT_EQ(deps[1].neighbor, c);
  EXPECT_EQ(deps[1].rel, ac);
  auto in = Drain(read->Expand(a, Direction::kIncoming, {}).get());
  ASSERT_EQ(in.size(), 2u);  // ca and the self loop
  auto both = Drain(read->Expand(a, Direction::kBoth, {"SELF"}).get());
  ASSERT_EQ(both.size(), 2u);  // a self-loop appears twice
  EXPECT_EQ(both[0].rel, aa);
  EXPECT_TRUE(both[0].outgoing);
  EXPECT_FALSE(both[1].outgoing);
  EXPECT_EQ(*read->Degree(a, Direction::kBoth, {}), 5u);
  EXPECT_EQ(*read->Degree(a, Direction::kOutgoing, {"DEPENDS_ON", "MAINTAINS", "NOPE"}), 2u);
  EXPECT_EQ(*read->Degree(b, Direction::kOutgoing, {}), 0u);
  EXPECT_TRUE(Drain(read->Expand(a, Direction::kOutgoing, {"NOPE"}).get()).empty());
  EXPECT_EQ(Drain(read->ScanRels(std::nullopt).get()).size(), 4u);
  auto maint = Drain(read->ScanRels("MAINTAINS").get());
  ASSERT_EQ(maint.size(), 1u);
  EXPECT_EQ(maint[0].id, ca);
  EXPECT_EQ(read->CountRelType("DEPENDS_ON"), 2u);
  EXPECT_EQ(read->RelTypes(), (std::vector<std::string>{"DEPENDS_ON", "MAINTAINS", "SELF"}));
  EXPECT_EQ(read->Counts().relationships, 4u);

  auto w = Write(store.get());
  EXPECT_EQ(w->DeleteNode(a, false).code(), StatusCode::kConstraintViolation);
  ASSERT_TRUE(w->SetRelProperty(ab, "since", 2021).ok());
  ASSERT_TRUE(w->DeleteRel(ac).ok());
  EXPECT_EQ(w->DeleteRel(ac).code(), StatusCode::kNotFound);
  ASSERT_TRUE(w->Commit().ok());
  auto read2 = store->BeginRead();
  EXPECT_EQ(read2->GetRel(ab)->value().properties.at("since"), PropertyValue(2021));
  EXPECT_FALSE(read2->GetRel(ac)->has_value());
  EXPECT_EQ(*read2->Degree(c, Direction::kIncoming, {}), 0u);
  ExpectCheckOk(store.get());
}

TEST(StoreTest, DetachDeleteRemovesEverything) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId hub, other;
  {
    auto txn = Write(store.get());
    hub = *txn->CreateNode({"Hub"}, {});
    other = *txn->CreateNode({"Leaf"}, {});
    for (int rel_idx = 0; rel_idx < 2500; ++rel_idx) {  // more than one delete chunk
      NodeId leaf = *txn->CreateNode({"Leaf"}, {});
      ASSERT_TRUE(txn->CreateRel(hub, leaf, rel_idx % 2 ? "A" : "B", {}).ok());
      ASSERT_TRUE(txn->CreateRel(leaf, hub, "C", {}).ok());
    }
    ASSERT_TRUE(txn->CreateRel(hub, hub, "SELF", {}).ok());
    ASSERT_TRUE(txn->CreateRel(other, hub, "C", {}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto before = store->BeginRead();
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->DeleteNode(hub, true).ok());
    EXPECT_EQ(txn->Counts().relationships, 0u);
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read = store->BeginRead();
  EXPECT_EQ(read->Counts().relationships, 0u);
  EXPECT_EQ(read->Counts().nodes, 2501u);
  EXPECT_EQ(*read->Degree(other, Direction::kBoth, {}), 0u);
  EXPECT_TRUE(Drain(read->ScanRels(std::nullopt).get()).empty());
  EXPECT_TRUE(read->RelTypes().empty());
  // The older snapshot still sees everything.
  EXPECT_EQ(before->Counts().relationships, 5002u);
  EXPECT_EQ(*before->Degree(hub, Direction::kBoth, {}), 5003u);
  ExpectCheckOk(store.get());
}

TEST(StoreTest, IndexEqualityAndRangeWithMixedNumbers) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  std::map<std::string, NodeId> ids;
  {
    auto txn = Write(store.get());
    // Data before the index: CreateIndex backfills.
    ids["one_int"] = *txn->CreateNode({"P"}, {{"v", 1}});
    ids["one_double"] = *txn->CreateNode({"P"}, {{"v", 1.0}});
    ids["half"] = *txn->CreateNode({"P"}, {{"v", 1.5}});
    ASSERT_TRUE(txn->CreateIndex({"P", "v", false}).ok());
    ids["neg"] = *txn->CreateNode({"P"}, {{"v", -2}});
    ids["big"] = *txn->CreateNode({"P"}, {{"v", 1e10}});
    ids["str"] = *txn->CreateNode({"P"}, {{"v", "1"}});
    ids["other_label"] = *txn->CreateNode({"Q"}, {{"v", 1}});
    ids["three"] = *txn->CreateNode({"P"}, {{"v", 3}});
    EXPECT_TRUE(txn->HasIndex("P", "v"));
    EXPECT_EQ(Seek(txn.get(), "P", "v", IndexBound{1, true}, IndexBound{1, true}).size(), 2u);
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read = store->BeginRead();
  EXPECT_TRUE(read->HasIndex("P", "v"));
  EXPECT_FALSE(read->HasIndex("P", "w"));
  EXPECT_FALSE(read->HasIndex("Q", "v"));
  auto eq = Seek(read.get(), "P", "v", IndexBound{1.0, true}, IndexBound{1.0, true});
  EXPECT_EQ(std::set<NodeId>(eq.begin(), eq.end()),
            (std::set<NodeId>{ids["one_int"], ids["one_double"]}));
  auto range = Seek(read.get(), "P", "v", IndexBound{1, false}, IndexBound{3, true});
  EXPECT_EQ(range, (std::vector<NodeId>{ids["half"], ids["three"]}));
  auto below = Seek(read.get(), "P", "v", std::nullopt, IndexBound{1.5, false});
  EXPECT_EQ(below.size(), 3u);  // -2, 1, 1.0; strings are not numbers
  EXPECT_EQ(below[0], ids["neg"]);
  auto above = Seek(read.get(), "P", "v", IndexBound{2, true}, std::nullopt);
  EXPECT_EQ(above, (std::vector<NodeId>{ids["three"], ids["big"]}));
  auto str = Seek(read.get(), "P", "v", IndexBound{"1", true}, IndexBound{"1", true});
  EXPECT_EQ(str, (std::vector<NodeId>{ids["str"]}));
  EXPECT_EQ(Seek(read.get(), "P", "v", std::nullopt, std::nullopt).size(), 7u);
  auto missing = read->IndexSeek("P", "nope", std::nullopt, std::nullopt);
  NodeId id;
  EXPECT_FALSE(missing->Next(&id));
  EXPECT_EQ(missing->status().code(), StatusCode::kInvalidArgument);
  auto indexes = read->Indexes();
  ASSERT_EQ(indexes.size(), 1u);
  EXPECT_EQ(indexes[0].label, "P");

  // Updates move entries; removing the label or property removes them.
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->SetNodeProperty(ids["three"], "v", 4).ok());
    ASSERT_TRUE(txn->RemoveLabel(ids["half"], "P").ok());
    ASSERT_TRUE(txn->SetNodeProperty(ids["neg"], "v", PropertyValue()).ok());
    ASSERT_TRUE(txn->AddLabel(ids["other_label"], "P").ok());
    ASSERT_TRUE(txn->DeleteNode(ids["big"], false).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read2 = store->BeginRead();
  EXPECT_EQ(Seek(read2.get(), "P", "v", IndexBound{3, true}, IndexBound{3, true}).size(), 0u);
  EXPECT_EQ(Seek(read2.get(), "P", "v", IndexBound{4, true}, IndexBound{4, true}).size(), 1u);
  EXPECT_EQ(Seek(read2.get(), "P", "v", IndexBound{1, true}, IndexBound{1, true}).size(), 3u);
  EXPECT_EQ(Seek(read2.get(), "P", "v", std::nullopt, std::nullopt).size(), 5u);
  ExpectCheckOk(store.get());
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->DropIndex("P", "v").ok());
    EXPECT_EQ(txn->DropIndex("P", "v").code(), StatusCode::kNotFound);
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_FALSE(store->BeginRead()->HasIndex("P", "v"));
  ExpectCheckOk(store.get());
}

// The backfill of a new index is written without row locks: it must still be
// part of the transaction, visible inside it and gone after a rollback.
TEST(StoreTest, IndexBackfillBelongsToItsTransaction) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  {
    auto txn = Write(store.get());
    for (int i = 0; i < 500; ++i) ASSERT_TRUE(txn->CreateNode({"P"}, {{"v", i % 50}}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateIndex({"P", "v", false}).ok());
    EXPECT_EQ(Seek(txn.get(), "P", "v", IndexBound{7, true}, IndexBound{7, true}).size(), 10u);
    EXPECT_EQ(Seek(txn.get(), "P", "v", std::nullopt, std::nullopt).size(), 500u);
    txn->Rollback();
  }
  EXPECT_FALSE(store->BeginRead()->HasIndex("P", "v"));
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateIndex({"P", "v", false}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read = store->BeginRead();
  EXPECT_EQ(Seek(read.get(), "P", "v", IndexBound{10, true}, IndexBound{19, true}).size(), 100u);
  EXPECT_EQ(Seek(read.get(), "P", "v", std::nullopt, std::nullopt).size(), 500u);
}

TEST(StoreTest, UniqueConstraintViolationWritesNothing) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId first;
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateIndex({"User", "email", true}).ok());
    first = *txn->CreateNode({"User"}, {{"email", "a@x"}});
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Write(store.get());
    auto dup = txn->CreateNode({"User", "Admin"}, {{"email", "a@x"}, {"n", 1}});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.status().code(), StatusCode::kConstraintViolation);
    const std::string& msg = dup.status().message();
    EXPECT_NE(msg.find("User"), std::string::npos) << msg;
    EXPECT_NE(msg.find("email"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'a@x'"), std::string::npos) << msg;
    // Other writes in the transaction still work; the failed one left nothing.
    NodeId second = *txn->CreateNode({"User"}, {{"email", "b@x"}});
    EXPECT_EQ(txn->SetNodeProperty(second, "email", "a@x").code(),
              StatusCode::kConstraintViolation);
    NodeId plain = *txn->CreateNode({}, {{"email", "a@x"}});
    EXPECT_EQ(txn->AddLabel(plain, "User").code(), StatusCode::kConstraintViolation);
    // Setting the same value on the owner is fine.
    EXPECT_TRUE(txn->SetNodeProperty(first, "email", "a@x").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto read = store->BeginRead();
  EXPECT_EQ(read->Counts().nodes, 3u);
  EXPECT_EQ(read->CountLabel("Admin"), 0u);
  EXPECT_EQ(read->CountLabel("User"), 2u);
  EXPECT_EQ(Seek(read.get(), "User", "email", IndexBound{"a@x", true}, IndexBound{"a@x", true}),
            (std::vector<NodeId>{first}));
  ExpectCheckOk(store.get());
  // A unique constraint over data that violates it fails, naming the value.
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateNode({"T"}, {{"k", 7}}).ok());
    ASSERT_TRUE(txn->CreateNode({"T"}, {{"k", 7.0}}).ok());
    Status s = txn->CreateIndex({"T", "k", true});
    EXPECT_EQ(s.code(), StatusCode::kConstraintViolation);
    EXPECT_NE(s.message().find("T"), std::string::npos);
    EXPECT_FALSE(txn->HasIndex("T", "k"));
  }
}

TEST(StoreTest, SnapshotIsolation) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId a;
  {
    auto txn = Write(store.get());
    a = *txn->CreateNode({"A"}, {{"v", 1}});
    ASSERT_TRUE(txn->Commit().ok());
  }
  uint64_t version_before = store->version();
  auto reader = store->BeginRead();
  auto writer = Write(store.get());
  ASSERT_TRUE(writer->SetNodeProperty(a, "v", 2).ok());
  NodeId b = *writer->CreateNode({"A"}, {});
  ASSERT_TRUE(writer->CreateRel(a, b, "R", {}).ok());
  // Uncommitted: invisible to others.
  EXPECT_EQ(store->BeginRead()->Counts().nodes, 1u);
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_GT(store->version(), version_before);
  // The old reader still sees the old state, never half of the write.
  EXPECT_EQ(reader->GetNode(a)->value().properties.at("v"), PropertyValue(1));
  EXPECT_FALSE(reader->GetNode(b)->has_value());
  EXPECT_EQ(reader->Counts().nodes, 1u);
  EXPECT_EQ(reader->Counts().relationships, 0u);
  EXPECT_EQ(*reader->Degree(a, Direction::kBoth, {}), 0u);
  EXPECT_EQ(Drain(reader->ScanLabel("A").get()).size(), 1u);
  auto fresh = store->BeginRead();
  EXPECT_EQ(fresh->GetNode(a)->value().properties.at("v"), PropertyValue(2));
  EXPECT_EQ(fresh->Counts().relationships, 1u);
  // Rollback (explicit or by destruction) leaves nothing.
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateNode({"A"}, {}).ok());
    txn->Rollback();
    EXPECT_FALSE(txn->Commit().ok());
  }
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateNode({"A"}, {}).ok());
  }
  EXPECT_EQ(store->BeginRead()->Counts().nodes, 2u);
  // An iterator made before Commit may be destroyed after it; reads after
  // Commit see the committed data.
  {
    auto txn = Write(store.get());
    auto it = txn->ScanNodes();
    NodeId id;
    ASSERT_TRUE(it->Next(&id));
    ASSERT_TRUE(txn->CreateNode({"A"}, {}).ok());
    ASSERT_TRUE(txn->Commit().ok());
    EXPECT_EQ(txn->Counts().nodes, 3u);
    EXPECT_EQ(txn->CreateNode({}, {}).status().code(), StatusCode::kInvalidArgument);
  }
}

// Node reads in any order (ascending runs are served by stepping an
// iterator, other reads by point lookups) give what the snapshot holds:
// deleted and never-created ids are absent, later writes are invisible.
TEST(StoreTest, NodeReadsInAnyOrderSeeTheirSnapshot) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  std::map<NodeId, int64_t> expected;  // id -> property i at the snapshot
  std::vector<NodeId> ids;
  {
    auto txn = Write(store.get());
    for (int64_t i = 0; i < 300; ++i) ids.push_back(*txn->CreateNode({"N"}, {{"i", i}}));
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Write(store.get());
    for (size_t idx = 0; idx < ids.size(); idx += 7) ASSERT_TRUE(txn->DeleteNode(ids[idx], true).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  for (size_t idx = 0; idx < ids.size(); ++idx) {
    if (idx % 7 != 0) expected[ids[idx]] = static_cast<int64_t>(idx);
  }
  auto reader = store->BeginRead();
  {
    // After the snapshot: changed, deleted and new nodes.
    auto txn = Write(store.get());
    for (size_t idx = 1; idx < ids.size(); idx += 5) {
      if (idx % 7 != 0) ASSERT_TRUE(txn->SetNodeProperty(ids[idx], "i", int64_t{-1}).ok());
    }
    for (size_t idx = 3; idx < ids.size(); idx += 11) {
      if (idx % 7 != 0) ASSERT_TRUE(txn->DeleteNode(ids[idx], true).ok());
    }
    for (int extra = 0; extra < 20; ++extra) ASSERT_TRUE(txn->CreateNode({"N"}, {{"i", int64_t{-2}}}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  const NodeId max_id = ids.back() + 40;
  std::mt19937 rng(7);
  NodeId id = 0;
  for (int read = 0; read < 5000; ++read) {
    int how = std::uniform_int_distribution<int>(0, 99)(rng);
    if (how < 60) {
      id += std::uniform_int_distribution<NodeId>(1, 3)(rng);  // a dense ascending run
    } else if (how < 75) {
      id += std::uniform_int_distribution<NodeId>(4, 60)(rng);  // a gap longer than a step
    } else if (how < 85) {
      // the same id again, or a step back
      id -= std::min<NodeId>(id, std::uniform_int_distribution<NodeId>(0, 5)(rng));
    } else {
      id = std::uniform_int_distribution<NodeId>(0, max_id)(rng);
    }
    if (id > max_id) id = std::uniform_int_distribution<NodeId>(0, 10)(rng);
    auto node = reader->GetNode(id);
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    auto it = expected.find(id);
    if (it == expected.end()) {
      EXPECT_FALSE(node->has_value()) << "node " << id << " at read " << read;
    } else {
      ASSERT_TRUE(node->has_value()) << "node " << id << " at read " << read;
      EXPECT_EQ((*node)->properties.at("i"), PropertyValue(it->second)) << "node " << id;
    }
  }
  // A new reader sees the later write.
  auto fresh = store->BeginRead();
  for (size_t idx = 0; idx < ids.size(); ++idx) {
    auto node = *fresh->GetNode(ids[idx]);
    const bool deleted = idx % 7 == 0 || (idx >= 3 && (idx - 3) % 11 == 0);
    ASSERT_EQ(node.has_value(), !deleted) << idx;
    if (!deleted) {
      EXPECT_EQ(node->properties.at("i"),
                PropertyValue(idx >= 1 && (idx - 1) % 5 == 0 ? int64_t{-1} : static_cast<int64_t>(idx)));
    }
  }
}

TEST(StoreTest, ConcurrentWritersConflictOnSameNode) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  NodeId a;
  {
    auto txn = Write(store.get());
    a = *txn->CreateNode({}, {});
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto t1 = Write(store.get());
  auto t2 = Write(store.get());
  ASSERT_TRUE(t1->SetNodeProperty(a, "x", 1).ok());
  Status s = t2->SetNodeProperty(a, "x", 2);  // waits for the lock, then gives up
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_NE(s.message().find("transaction conflict"), std::string::npos);
  EXPECT_FALSE(t2->Commit().ok());
  ASSERT_TRUE(t1->Commit().ok());
}

TEST(StoreTest, IdsAreNotReusedAfterReopen) {
  ScratchDir dir;
  NodeId last;
  {
    auto store = OpenOrFail(dir.path());
    ASSERT_TRUE(store);
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateNode({"A"}, {{"k", "v"}}).ok());
    last = *txn->CreateNode({}, {});
    ASSERT_TRUE(txn->Commit().ok());
    auto del = Write(store.get());
    ASSERT_TRUE(del->DeleteNode(last, false).ok());
    ASSERT_TRUE(del->Commit().ok());
  }
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  auto txn = Write(store.get());
  NodeId next = *txn->CreateNode({}, {});
  EXPECT_GT(next, last);
  ASSERT_TRUE(txn->Commit().ok());
  auto read = store->BeginRead();
  EXPECT_EQ(read->Labels(), (std::vector<std::string>{"A"}));
  EXPECT_EQ(read->PropertyKeys(), (std::vector<std::string>{"k"}));
  ExpectCheckOk(store.get());
}

// Random operations against an in-memory model.
TEST(StoreTest, RandomOperationsMatchModel) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  struct ModelRel {
    NodeId src, dst;
    std::string type;
  };
  std::map<NodeId, std::pair<std::set<std::string>, PropertyMap>> nodes;
  std::map<RelId, ModelRel> rels;
  std::mt19937_64 rng(2024);
  const std::vector<std::string> labels = {"A", "B", "C"};
  const std::vector<std::string> types = {"X", "Y"};
  {
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateIndex({"A", "k", false}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto pick_node = [&]() {
    auto it = nodes.begin();
    std::advance(it, rng() % nodes.size());
    return it->first;
  };
  for (int round = 0; round < 30; ++round) {
    auto txn = Write(store.get());
    bool commit = rng() % 5 != 0;
    auto saved_nodes = nodes;
    auto saved_rels = rels;
    for (int op_idx = 0; op_idx < 40; ++op_idx) {
      int op = static_cast<int>(rng() % 7);
      if (nodes.empty() || op == 0) {
        std::vector<std::string> node_labels;
        for (const auto& l : labels) {
          if (rng() % 2) node_labels.push_back(l);
        }
        PropertyMap props;
        if (rng() % 2) props["k"] = static_cast<int64_t>(rng() % 10);
        NodeId id = *txn->CreateNode(node_labels, props);
        nodes[id] = {std::set<std::string>(node_labels.begin(), node_labels.end()), props};
      } else if (op == 1) {
        NodeId src = pick_node(), dst = pick_node();
        std::string type = types[rng() % types.size()];
        RelId id = *txn->CreateRel(src, dst, type, {});
        rels[id] = {src, dst, type};
      } else if (op == 2) {
        NodeId id = pick_node();
        PropertyValue v =
            rng() % 3 ? PropertyValue(static_cast<double>(rng() % 10)) : PropertyValue();
        ASSERT_TRUE(txn->SetNodeProperty(id, "k", v).ok());
        if (v.is_null()) {
          nodes[id].second.erase("k");
        } else {
          nodes[id].second["k"] = v;
        }
      } else if (op == 3) {
        NodeId id = pick_node();
        std::string label = labels[rng() % labels.size()];
        if (rng() % 2) {
          ASSERT_TRUE(txn->AddLabel(id, label).ok());
          nodes[id].first.insert(label);
        } else {
          ASSERT_TRUE(txn->RemoveLabel(id, label).ok());
          nodes[id].first.erase(label);
        }
      } else if (op == 4 && !rels.empty()) {
        auto it = rels.begin();
        std::advance(it, rng() % rels.size());
        ASSERT_TRUE(txn->DeleteRel(it->first).ok());
        rels.erase(it);
      } else if (op == 5 && rng() % 3 == 0) {
        NodeId id = pick_node();
        ASSERT_TRUE(txn->DeleteNode(id, true).ok());
        nodes.erase(id);
        for (auto it = rels.begin(); it != rels.end();) {
          it = (it->second.src == id || it->second.dst == id) ? rels.erase(it) : std::next(it);
        }
      }
    }
    if (commit) {
      ASSERT_TRUE(txn->Commit().ok());
    } else {
      txn->Rollback();
      nodes = saved_nodes;
      rels = saved_rels;
    }
    // Compare the whole store with the model.
    auto read = store->BeginRead();
    std::vector<NodeId> model_ids;
    for (const auto& [id, node] : nodes) model_ids.push_back(id);
    ASSERT_EQ(Drain(read->ScanNodes().get()), model_ids);
    ASSERT_EQ(read->Counts().nodes, nodes.size());
    ASSERT_EQ(read->Counts().relationships, rels.size());
    for (const auto& [id, node] : nodes) {
      auto rec = read->GetNode(id)->value();
      ASSERT_EQ(std::set<std::string>(rec.labels.begin(), rec.labels.end()), node.first);
      ASSERT_EQ(rec.properties, node.second);
      uint64_t out_degree = 0;
      for (const auto& [rel_id, rel] : rels) out_degree += rel.src == id;
      ASSERT_EQ(*read->Degree(id, Direction::kOutgoing, {}), out_degree);
    }
    for (const auto& label : labels) {
      std::vector<NodeId> expected;
      for (const auto& [id, node] : nodes) {
        if (node.first.count(label)) expected.push_back(id);
      }
      ASSERT_EQ(Drain(read->ScanLabel(label).get()), expected);
      ASSERT_EQ(read->CountLabel(label), expected.size());
    }
    for (int64_t k = 0; k < 10; ++k) {
      std::set<NodeId> expected;
      for (const auto& [id, node] : nodes) {
        auto it = node.second.find("k");
        if (node.first.count("A") && it != node.second.end() && !(it->second < PropertyValue(k)) &&
            !(PropertyValue(k) < it->second)) {
          expected.insert(id);
        }
      }
      auto got = Seek(read.get(), "A", "k", IndexBound{k, true}, IndexBound{k, true});
      ASSERT_EQ(std::set<NodeId>(got.begin(), got.end()), expected) << k;
    }
    auto all_rels = Drain(read->ScanRels(std::nullopt).get());
    ASSERT_EQ(all_rels.size(), rels.size());
    for (const auto& r : all_rels) {
      ASSERT_EQ(r.src, rels[r.id].src);
      ASSERT_EQ(r.dst, rels[r.id].dst);
      ASSERT_EQ(r.type, rels[r.id].type);
    }
  }
  ExpectCheckOk(store.get());
}

TEST(StoreTest, OpenErrorsAreClear) {
  ScratchDir dir;
  OpenOptions no_create;
  no_create.create_if_missing = false;
  auto missing = Store::Open(dir.Sub("missing"), no_create);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  OpenOptions read_only;
  read_only.read_only = true;
  EXPECT_EQ(Store::Open(dir.Sub("missing"), read_only).status().code(), StatusCode::kNotFound);

  // An empty directory becomes a new database.
  fs::create_directories(dir.Sub("empty"));
  EXPECT_TRUE(OpenOrFail(dir.Sub("empty")) != nullptr);

  // A directory of random files is not a database, and is left alone.
  fs::create_directories(dir.Sub("junk"));
  std::mt19937_64 rng(5);
  for (const char* name : {"notes.txt", "CURRENT_not", "000001.sst"}) {
    std::ofstream f(dir.Sub("junk") + "/" + name, std::ios::binary);
    for (int byte_idx = 0; byte_idx < 4096; ++byte_idx) f.put(static_cast<char>(rng()));
  }
  auto junk = Store::Open(dir.Sub("junk"), OpenOptions());
  EXPECT_EQ(junk.status().code(), StatusCode::kNotADatabase) << junk.status().ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("junk") + "/CURRENT"));

  // Random bytes in the RocksDB files themselves: an error, not a crash.
  fs::create_directories(dir.Sub("garbage"));
  for (const char* name : {"CURRENT", "MANIFEST-000001", "IDENTITY"}) {
    std::ofstream f(dir.Sub("garbage") + "/" + name, std::ios::binary);
    for (int byte_idx = 0; byte_idx < 512; ++byte_idx) f.put(static_cast<char>(rng()));
  }
  auto garbage = Store::Open(dir.Sub("garbage"), OpenOptions());
  EXPECT_FALSE(garbage.ok());

  // A regular file is not a database.
  {
    std::ofstream f(dir.Sub("file"));
    f << "hello";
  }
  EXPECT_EQ(Store::Open(dir.Sub("file"), OpenOptions()).status().code(), StatusCode::kNotADatabase);
}

TEST(StoreTest, ReadOnlyStoreRefusesWrites) {
  ScratchDir dir;
  {
    auto store = OpenOrFail(dir.path());
    ASSERT_TRUE(store);
    auto txn = Write(store.get());
    ASSERT_TRUE(txn->CreateNode({"A"}, {{"k", 1}}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  OpenOptions ro;
  ro.read_only = true;
  auto store = OpenOrFail(dir.path(), ro);
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->is_read_only());
  EXPECT_EQ(store->BeginWrite().status().code(), StatusCode::kReadOnly);
  EXPECT_EQ(store->BeginBulkLoad().status().code(), StatusCode::kReadOnly);
  auto read = store->BeginRead();
  EXPECT_EQ(read->Counts().nodes, 1u);
  EXPECT_EQ(read->Labels(), (std::vector<std::string>{"A"}));
  ExpectCheckOk(store.get());
  EXPECT_GT(store->DiskBytes(), 0u);
}

TEST(StoreTest, SecondWriterInSameProcessIsLocked) {
  ScratchDir dir;
  auto store = OpenOrFail(dir.path());
  ASSERT_TRUE(store);
  auto second = Store::Open(dir.path(), OpenOptions());
  EXPECT_EQ(second.status().code(), StatusCode::kLocked) << second.status().ToString();
  EXPECT_NE(second.status().message().find("database is locked by another process"),
            std::string::npos);
}

}  // namespace
}  // namespace ecograph::storage
