// A small tour of the executor, printed as it runs: tasks that borrow plain
// locals, a channel between a producer and a consumer, zip, select with a
// timeout, and an interval. Runs the same natively and in Node (wasm).
#include <cstdio>
#include <string>

#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;

namespace {

struct scoreboard {
  int produced = 0;
  int consumed = 0;
};

task<> producer(channel<int>& ch, scoreboard& score) {
  for (int i = 1; i <= 5; ++i) {
    co_await sleep_for(10ms);
    (void)co_await ch.send(i * i);
    ++score.produced;
  }
  ch.close();
}

task<int> consumer(channel<int>& ch, scoreboard& score) {
  int sum = 0;
  while (auto v = co_await ch.recv()) {
    std::printf("  consumer got %d\n", *v);
    sum += *v;
    ++score.consumed;
  }
  co_return sum;
}

task<std::string> slow_answer() {
  co_await sleep_for(200ms);
  co_return "too late";
}

task<int> demo(local_executor& ex) {
  scoreboard score;  // a plain struct, borrowed by reference by two tasks
  channel<int> ch(2);
  auto prod = ex.spawn(producer(ch, score));
  int sum = co_await consumer(ch, score);
  co_await prod;
  std::printf("  produced %d, consumed %d, sum of squares %d\n", score.produced, score.consumed, sum);

  auto [a, b] = co_await zip(sleep_for(20ms), slow_answer());
  (void)a;
  std::printf("  zip waited for both: \"%s\"\n", b.c_str());

  auto winner = co_await select(slow_answer(), sleep_for(30ms));
  std::printf("  select: branch %zu won, the other was cancelled\n", winner.index());

  auto late = co_await timeout(50ms, slow_answer());
  std::printf("  timeout: %s\n", late.ok() ? late->c_str() : "timed out after 50 ms");

  interval every(15ms);
  for (int i = 0; i < 3; ++i) {
    co_await every.tick();
    std::printf("  interval tick %d\n", i + 1);
  }
  co_return sum;
}

}  // namespace

int main() {
  local_executor ex;
  std::printf("skirmish executor demo\n");
  auto r = ex.run_until(demo(ex));
  if (!r.ok()) {
    std::printf("demo stalled\n");
    return 1;
  }
  std::printf("done: result %d\n", *r);
  return 0;
}
