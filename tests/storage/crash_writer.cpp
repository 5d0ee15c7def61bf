// Helper process for the storage process tests.
//   crash_writer write <db> <first_seq>  commits a stream of writes (default
//       durability: OpenOptions::sync_commits) and
//       prints each committed sequence number on its own line (the ack),
//       until killed. Each commit creates a :Crash node {seq}, links it to
//       the previous one, and churns :Temp nodes (create + detach delete);
//       every 25th write is a small bulk load instead.
//   crash_writer open <db>   tries a writable open; prints the status code.
//   crash_writer read <db>   opens read-only; prints "nodes=<count>" or the
//       status code.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "storage/store.h"

using namespace ecograph::storage;

namespace {

int Write(const std::string& path, int64_t first_seq) {
  auto store = Store::Open(path, OpenOptions());
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 2;
  }
  {
    auto txn = std::move((*store)->BeginWrite()).value();
    if (!txn->HasIndex("Crash", "seq")) {
      if (!txn->CreateIndex({"Crash", "seq", true}).ok() || !txn->Commit(true).ok()) return 3;
    }
  }
  NodeId previous = 0, temp = 0;
  for (int64_t seq = first_seq;; ++seq) {
    if (seq % 25 == 24) {
      // Every 25th write is a small bulk load (atomic ingestion).
      auto loader = std::move((*store)->BeginBulkLoad()).value();
      NodeId node = loader->AddNode({"Crash"}, {{"seq", seq}});
      NodeId last = node;
      for (int bulk_idx = 0; bulk_idx < 20; ++bulk_idx) {
        NodeId n = loader->AddNode({"Bulk"}, {{"i", bulk_idx}});
        loader->AddRel(last, n, "CHAIN", {});
        last = n;
      }
      if (previous != 0) loader->AddRel(previous, node, "NEXT", {});
      Status s = loader->Finish();
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 10;
      }
      previous = node;
      std::printf("%lld\n", static_cast<long long>(seq));
      std::fflush(stdout);
      continue;
    }
    auto txn = std::move((*store)->BeginWrite()).value();
    auto node = txn->CreateNode({"Crash"}, {{"seq", seq}, {"payload", std::string(100, 'x')}});
    if (!node.ok()) {
      std::fprintf(stderr, "%s\n", node.status().ToString().c_str());
      return 4;
    }
    if (previous != 0 && !txn->CreateRel(previous, *node, "NEXT", {{"seq", seq}}).ok()) return 5;
    if (temp != 0 && seq % 3 == 0) {
      if (!txn->DeleteNode(temp, true).ok()) return 6;
      temp = 0;
    }
    if (temp == 0) {
      temp = *txn->CreateNode({"Temp"}, {});
      if (!txn->CreateRel(*node, temp, "TEMP", {}).ok()) return 7;
      if (!txn->CreateRel(temp, temp, "LOOP", {}).ok()) return 8;
    }
    Status s = txn->Commit();  // the store's default durability (sync)
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 9;
    }
    previous = *node;
    std::printf("%lld\n", static_cast<long long>(seq));
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: crash_writer write|open|read <db> [first_seq]\n");
    return 1;
  }
  std::string mode = argv[1], path = argv[2];
  if (mode == "write") return Write(path, argc > 3 ? std::atoll(argv[3]) : 0);
  if (mode == "open") {
    auto store = Store::Open(path, OpenOptions());
    std::printf("%d\n", static_cast<int>(store.status().code()));
    if (!store.ok()) std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 0;
  }
  if (mode == "read") {
    OpenOptions options;
    options.read_only = true;
    auto store = Store::Open(path, options);
    if (!store.ok()) {
      std::printf("%d\n", static_cast<int>(store.status().code()));
      std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
      return 0;
    }
    std::printf("nodes=%llu\n",
                static_cast<unsigned long long>((*store)->BeginRead()->Counts().nodes));
    return 0;
  }
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 1;
}
