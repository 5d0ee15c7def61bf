// OutputFile: -o never clobbers by surprise, never follows a link, and never
// leaves a partial file (issue 10).
#include "graph/io/output_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/io/io_test_util.h"

namespace ecograph::graph::io {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

int FilesIn(const std::string& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(OutputFileTest, WritesThroughATemporaryFileAndRenames) {
  ScratchDir dir;
  std::string path = dir / "out.txt";
  auto file = OutputFile::Create(path, false);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  (*file)->stream() << "hello";
  EXPECT_FALSE(fs::exists(path));  // nothing at the path until Commit
  ASSERT_TRUE((*file)->Commit().ok());
  EXPECT_EQ(ReadFile(path), "hello");
  EXPECT_EQ(FilesIn(dir.path()), 1);
}

TEST(OutputFileTest, AbandonedWriteLeavesNothing) {
  ScratchDir dir;
  {
    auto file = OutputFile::Create(dir / "out.txt", false);
    ASSERT_TRUE(file.ok());
    (*file)->stream() << "partial";
  }
  EXPECT_EQ(FilesIn(dir.path()), 0);
}

TEST(OutputFileTest, RefusesAnExistingFileWithoutOverwrite) {
  ScratchDir dir;
  std::string path = WriteFile(dir / "out.txt", "precious");
  auto file = OutputFile::Create(path, false);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().message(), path + " already exists (use --force to overwrite it)");
  EXPECT_EQ(ReadFile(path), "precious");
  auto forced = OutputFile::Create(path, true);
  ASSERT_TRUE(forced.ok());
  (*forced)->stream() << "new";
  ASSERT_TRUE((*forced)->Commit().ok());
  EXPECT_EQ(ReadFile(path), "new");
}

TEST(OutputFileTest, RefusesAFileThatAppearsBeforeTheRename) {
  ScratchDir dir;
  std::string path = dir / "out.txt";
  auto file = OutputFile::Create(path, false);
  ASSERT_TRUE(file.ok());
  (*file)->stream() << "mine";
  WriteFile(path, "theirs");
  auto status = (*file)->Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(ReadFile(path), "theirs");
}

TEST(OutputFileTest, NeverFollowsSymbolicLinks) {
  ScratchDir dir;
  std::string target = WriteFile(dir / "target.txt", "keep me");
  std::string link = dir / "link.txt";
  fs::create_symlink(target, link);
  std::string dangling = dir / "dangling.txt";
  fs::create_symlink(dir / "nowhere.txt", dangling);
  EXPECT_FALSE(OutputFile::Create(link, false).ok());
  EXPECT_FALSE(OutputFile::Create(dangling, false).ok());
  EXPECT_FALSE(fs::exists(dir / "nowhere.txt"));
  auto forced = OutputFile::Create(link, true);
  ASSERT_TRUE(forced.ok());
  (*forced)->stream() << "replaced";
  ASSERT_TRUE((*forced)->Commit().ok());
  EXPECT_FALSE(fs::is_symlink(link));  // the link itself was replaced
  EXPECT_EQ(ReadFile(link), "replaced");
  EXPECT_EQ(ReadFile(target), "keep me");
}

TEST(OutputFileTest, FailedRenameIsReportedAndLeavesNoTemporaryFile) {
  ScratchDir dir;
  std::string path = dir / "out.txt";
  auto file = OutputFile::Create(path, true);
  ASSERT_TRUE(file.ok());
  (*file)->stream() << "data";
  fs::create_directory(path);
  fs::create_directory(path + "/occupied");  // rename over a non-empty directory fails
  EXPECT_FALSE((*file)->Commit().ok());
  file = storage::Status::Error(storage::StatusCode::kIOError, "done");  // destroys the writer
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(FilesIn(dir.path()), 1);
}

}  // namespace
}  // namespace ecograph::graph::io
