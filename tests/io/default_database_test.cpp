#include "graph/default_database.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "tests/io/io_test_util.h"

namespace ecograph::graph {
namespace {

namespace fs = std::filesystem;
using io::testing::ScratchDir;
using io::testing::WriteFile;

TEST(DefaultDatabaseTest, CreatesOnFirstUseWithIndexes) {
  ScratchDir dir;
  fs::create_directories(dir / "data");
  WriteFile(dir / "data/nodes_company.csv",
            "id:ID,name,:LABEL\nC1,Alibaba,Company\nC2,Lazada,Company\n");
  WriteFile(dir / "data/nodes_country.csv",
            "id:ID,name,:LABEL\nK1,China,Country\nK2,China,Country\n");
  WriteFile(dir / "data/rels_acquired.csv", ":START_ID,:END_ID,:TYPE\nC1,C2,ACQUIRED\n");
  WriteFile(dir / "data/README.md", "not data\n");
  std::string db = dir / "share/ecograph/alibaba.db";
  storage::OpenOptions options;
  {
    auto store = OpenOrCreateDefault(db, dir / "data", options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto txn = (*store)->BeginRead();
    EXPECT_EQ(txn->Counts().nodes, 4u);
    EXPECT_EQ(txn->Counts().relationships, 1u);
    auto indexes = txn->Indexes();
    ASSERT_EQ(indexes.size(), 2u);
    EXPECT_EQ(indexes[0].label, "Company");
    EXPECT_EQ(indexes[0].key, "name");
    EXPECT_TRUE(indexes[0].unique);
    EXPECT_EQ(indexes[1].label, "Country");
    EXPECT_FALSE(indexes[1].unique);  // two countries share a name
  }
  for (const auto& entry : fs::directory_iterator(dir / "share/ecograph")) {
    EXPECT_EQ(entry.path().filename().string(), "alibaba.db");  // no temporary left
  }
  // Second use: opened, not rebuilt (the data dir is no longer needed).
  auto again = OpenOrCreateDefault(db, dir / "missing", options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->BeginRead()->Counts().nodes, 4u);
}

TEST(DefaultDatabaseTest, BadDataLeavesNoDatabase) {
  ScratchDir dir;
  fs::create_directories(dir / "data");
  std::string bad = WriteFile(dir / "data/nodes_x.csv", "id:ID,n:int\nA,zz\n");
  std::string db = dir / "x.db";
  auto store = OpenOrCreateDefault(db, dir / "data", storage::OpenOptions());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            bad + ":2:3: expected an integer for column 'n:int', found 'zz'");
  EXPECT_FALSE(fs::exists(db));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(DefaultDatabaseTest, LocateDataDirHonoursTheEnvironment) {
  ScratchDir dir;
  setenv("ECOGRAPH_DATA_DIR", dir.path().c_str(), 1);
  auto found = LocateDataDir();
  unsetenv("ECOGRAPH_DATA_DIR");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, dir.path());
  setenv("ECOGRAPH_DATA_DIR", (dir / "nope").c_str(), 1);
  auto missing = LocateDataDir();
  unsetenv("ECOGRAPH_DATA_DIR");
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace ecograph::graph

namespace ecograph::graph {
namespace {

// The bundled data of the source tree builds a consistent database.
TEST(DefaultDatabaseTest, BundledDataImports) {
  auto data = LocateDataDir();
  if (!data.ok() || !fs::exists(*data + "/nodes_company.csv")) {
    GTEST_SKIP() << "no bundled data directory";
  }
  ScratchDir dir;
  auto store = OpenOrCreateDefault(dir / "alibaba.db", *data, storage::OpenOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto txn = (*store)->BeginRead();
  EXPECT_GT(txn->CountLabel("Company"), 0u);
  EXPECT_GT(txn->Counts().relationships, 0u);
  bool company_index = false;
  for (const auto& index : txn->Indexes()) {
    if (index.label == "Company" && index.key == "name") company_index = true;
  }
  EXPECT_TRUE(company_index);
  auto report = (*store)->Check();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
}

}  // namespace
}  // namespace ecograph::graph
