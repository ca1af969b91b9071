// wire_corpus: the C++ side of the Node test that checks the C++ and JS codecs agree.
//   wire_corpus N SEED  prints N random valid messages, one hex line each
//   wire_corpus check   reads hex lines from stdin; each must decode and re-encode to the same bytes
#include <cstdio>
#include <cstdlib>
#include <string>

#include "skirmish/wire/codec.hpp"
#include "test_support.hpp"

using namespace skirmish::wire;

namespace {

int generate(long count, std::uint64_t seed) {
  test::message_generator gen(seed);
  std::vector<std::byte> bytes;
  for (long i = 0; i < count; ++i) {
    bytes.clear();
    const auto ok = encode(gen.any(), bytes);
    if (!ok) {
      std::fprintf(stderr, "wire_corpus: generated an invalid message: %s\n", ok.error().reason);
      return 1;
    }
    std::printf("%s\n", test::to_hex(bytes).c_str());
  }
  return 0;
}

int check() {
  long checked = 0;
  int failures = 0;
  std::string line;
  std::vector<std::byte> again;
  for (int c = std::getchar();; c = std::getchar()) {
    if (c != '\n' && c != EOF) {
      line += static_cast<char>(c);
      continue;
    }
    if (!line.empty()) {
      const auto bytes = test::from_hex(line);
      auto m = decode(bytes);
      again.clear();
      if (!m) {
        std::printf("rejected %s: %s\n", line.c_str(), m.error().reason);
        ++failures;
      } else if (!encode(*m, again).ok() || test::to_hex(again) != test::to_hex(bytes)) {
        std::printf("not canonical: %s\n", line.c_str());
        ++failures;
      }
      ++checked;
      line.clear();
    }
    if (c == EOF) break;
  }
  std::printf("checked %ld messages, %d failed\n", checked, failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "check") return check();
  if (argc == 3) return generate(std::strtol(argv[1], nullptr, 10), std::strtoull(argv[2], nullptr, 10));
  std::fprintf(stderr, "usage: wire_corpus N SEED | wire_corpus check < hex-lines\n");
  return 2;
}
