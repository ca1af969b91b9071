// Native only: runs misuse_probe as a child process for each misuse and
// checks it died with a clear message (the wasm build is checked from Node).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct outcome {
  int status = 0;
  std::string output;
};

outcome run_probe(const std::string& which) {
  std::string cmd = std::string(SKIRMISH_MISUSE_PROBE) + " " + which + " 2>&1";
  outcome out;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) out.output += buf.data();
  out.status = ::pclose(p);
  return out;
}

}  // namespace

TEST_SUITE("misuse") {
  TEST_CASE("API misuse is reported clearly in checked builds") {
    if (!SKIRMISH_CHECKS_EXPECTED) {
      MESSAGE("release build: misuse checks are compiled out");
      return;
    }
    struct expectation {
      const char* which;
      const char* message;
    };
    for (auto e : {expectation{"await-moved-from", "awaiting a moved-from or empty task"},
                   expectation{"await-twice", "awaiting a task that has already completed"},
                   expectation{"join-twice", "joining an empty join_handle"},
                   expectation{"join-cancelled", "joining an empty join_handle"},
                   expectation{"spawn-empty", "spawning a moved-from or empty task"}}) {
      CAPTURE(e.which);
      outcome o = run_probe(e.which);
      CHECK(o.output.find(std::string("skirmish runtime misuse: ") + e.message) != std::string::npos);
      CHECK(WIFSIGNALED(o.status) == false);  // popen's shell reports the abort as an exit status
      CHECK(o.status != 0);
    }
  }
}
