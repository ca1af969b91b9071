// Commits one runtime API misuse, chosen by name on the command line. In a
// checked (debug) build the process must die with a clear message; the tests
// run it as a child process and read what it printed.
#include <cstdio>
#include <cstring>

#include "skirmish/rt/local_executor.hpp"

using namespace skirmish::rt;

namespace {

task<int> one() { co_return 1; }

task<int> await_moved_from() {
  task<int> t = one();
  task<int> stolen = std::move(t);
  int a = co_await stolen;
  int b = co_await t;  // misuse: t was moved from
  co_return a + b;
}

task<int> await_twice() {
  task<int> t = one();
  int a = co_await t;
  int b = co_await t;  // misuse: t already completed
  co_return a + b;
}

task<int> join_twice(local_executor& ex) {
  auto h = ex.spawn(one());
  int a = co_await h;
  int b = co_await h;  // misuse: already joined
  co_return a + b;
}

task<int> join_cancelled(local_executor& ex) {
  auto h = ex.spawn(one());
  h.cancel();
  co_return co_await h;  // misuse: cancelled
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: misuse_probe await-moved-from|await-twice|join-twice|join-cancelled|spawn-empty\n");
    return 2;
  }
  const char* which = argv[1];
  local_executor ex;
  if (std::strcmp(which, "await-moved-from") == 0) (void)ex.run_until(await_moved_from());
  else if (std::strcmp(which, "await-twice") == 0) (void)ex.run_until(await_twice());
  else if (std::strcmp(which, "join-twice") == 0) (void)ex.run_until(join_twice(ex));
  else if (std::strcmp(which, "join-cancelled") == 0) (void)ex.run_until(join_cancelled(ex));
  else if (std::strcmp(which, "spawn-empty") == 0) (void)ex.spawn(task<int>{});
  else {
    std::fprintf(stderr, "unknown case %s\n", which);
    return 2;
  }
  std::printf("no misuse was reported\n");
  return 0;
}
