#include "checker/platform/regular_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace clause {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  std::string path;
  explicit TempFile(const std::string &content) {
    path =
        (fs::temp_directory_path() / ("clause-regular-file-" + std::to_string(::getpid()) + ".tf")).string();
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { fs::remove(path); }
};

// The buffer is the file's size: the read used to grow it past the end to
// see whether the file had grown, copying every file once more and leaving
// each document's source holding about twice its bytes.
TEST(RegularFile, ReadsExactlyTheFileIntoABufferOfItsSize) {
  std::string content;
  for (int i = 0; i < 3000; ++i) content += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {}\n";
  TempFile file(content);
  std::string out;
  const FileReadResult r = read_regular_file(file.path, content.size(), out);
  EXPECT_EQ(r.status, FileRead::Ok);
  EXPECT_EQ(out, content);
  EXPECT_EQ(out.capacity(), content.size());

  const FileReadResult over = read_regular_file(file.path, content.size() - 1, out);
  EXPECT_EQ(over.status, FileRead::TooLarge);
  EXPECT_EQ(over.size, content.size());
  EXPECT_TRUE(out.empty());
}

// With the size discovery saw, the file is read without a second fstat, and
// what it holds now is what is read: the same bytes when it is unchanged,
// all of them when it grew or shrank since, and a refusal naming the change
// when it is no regular file any more or grew past the limit.
TEST(RegularFile, ReadsWithTheSizeDiscoverySawWhateverTheFileBecameSince) {
  const std::string content(5000, 'x');
  TempFile file(content);
  std::string out;
  EXPECT_EQ(read_regular_file(file.path, 1u << 20, out, content.size()).status, FileRead::Ok);
  EXPECT_EQ(out, content);
  EXPECT_EQ(out.capacity(), content.size());

  EXPECT_EQ(read_regular_file(file.path, 1u << 20, out, 3000).status, FileRead::Ok);  // grew since
  EXPECT_EQ(out, content);
  EXPECT_EQ(read_regular_file(file.path, 1u << 20, out, 9000).status, FileRead::Ok);  // shrank since
  EXPECT_EQ(out, content);

  const FileReadResult over = read_regular_file(file.path, 4999, out, 4000);  // grew past the limit
  EXPECT_EQ(over.status, FileRead::TooLarge);
  EXPECT_EQ(over.size, 5000u);
  EXPECT_TRUE(out.empty());

  const std::string dir = file.path + ".d";
  fs::create_directory(dir);
  EXPECT_EQ(read_regular_file(dir, 1u << 20, out, 4096).status, FileRead::NotRegular);
  fs::remove(dir);
  const std::string fifo = file.path + ".fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(read_regular_file(fifo, 1u << 20, out, 100).status, FileRead::NotRegular);
  fs::remove(fifo);
}

// /proc files say they are empty (st_size 0) and are not: what is read past
// the size fstat gave is kept, and still counts against the limit.
TEST(RegularFile, KeepsWhatIsReadPastTheSizeFstatGave) {
  std::string out;
  const FileReadResult r = read_regular_file("/proc/self/status", 1u << 20, out);
  ASSERT_EQ(r.status, FileRead::Ok);
  EXPECT_EQ(out.rfind("Name:", 0), 0u) << out.substr(0, 80);
  EXPECT_NE(out.find("\nPid:"), std::string::npos);

  const FileReadResult small = read_regular_file("/proc/self/status", 16, out);
  EXPECT_EQ(small.status, FileRead::TooLarge);
  EXPECT_GT(small.size, 16u);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace clause
