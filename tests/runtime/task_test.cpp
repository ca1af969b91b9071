#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/yield_now.hpp"

using namespace skirmish::rt;

namespace {

task<int> answer() { co_return 42; }

task<int> add(int a, int b) {
  int x = co_await answer();
  co_return a + b + x - 42;
}

task<std::unique_ptr<std::string>> boxed(std::string s) { co_return std::make_unique<std::string>(std::move(s)); }

task<int&> pick(std::vector<int>& v, std::size_t i) { co_return v[i]; }

task<> record(std::vector<std::string>& log, std::string what) {
  log.push_back(what);
  co_return;
}

task<int> yields_then_answers(int yields) {
  for (int i = 0; i < yields; ++i) co_await yield_now();
  co_return yields;
}

}  // namespace

TEST_SUITE("task") {
  TEST_CASE("a task is lazy: nothing runs until it is awaited") {
    std::vector<std::string> log;
    local_executor ex;
    {
      auto t = record(log, "ran");
      CHECK(log.empty());
    }
    CHECK(log.empty());  // destroyed without ever running

    auto r = ex.run_until([](std::vector<std::string>& log) -> task<> {
      auto t = record(log, "ran");
      log.push_back("before await");
      co_await std::move(t);
    }(log));
    REQUIRE(r.ok());
    CHECK(log == std::vector<std::string>{"before await", "ran"});
  }

  TEST_CASE("values, move-only values, references and void") {
    local_executor ex;
    std::vector<int> numbers{1, 2, 3};
    auto r = ex.run_until([](std::vector<int>& numbers) -> task<std::string> {
      int sum = co_await add(2, 3);
      auto box = co_await boxed("box");
      int& second = co_await pick(numbers, 1);
      second = 20;
      co_return std::to_string(sum) + *box;
    }(numbers));
    REQUIRE(r.ok());
    CHECK(*r == "5box");
    CHECK(numbers[1] == 20);
  }

  TEST_CASE("a task is move-only and awaiting it moves its result out") {
    static_assert(!std::is_copy_constructible_v<task<int>>);
    static_assert(std::is_nothrow_move_constructible_v<task<int>>);
    local_executor ex;
    auto r = ex.run_until([]() -> task<int> {
      task<int> a = answer();
      task<int> b = std::move(a);
      CHECK_FALSE(a.valid());
      CHECK(b.valid());
      co_return co_await std::move(b);
    }());
    REQUIRE(r.ok());
    CHECK(*r == 42);
  }

  TEST_CASE("awaiting a task that suspends resumes the parent when it finishes") {
    local_executor ex;
    auto r = ex.run_until([]() -> task<int> {
      int a = co_await yields_then_answers(3);
      int b = co_await yields_then_answers(0);
      int c = co_await yields_then_answers(1);
      co_return a * 100 + b * 10 + c;
    }());
    REQUIRE(r.ok());
    CHECK(*r == 301);
  }

  TEST_CASE("deep nesting of suspending tasks") {
    struct nest {
      static task<int> down(int depth) {
        if (depth == 0) {
          co_await yield_now();
          co_return 0;
        }
        int below = co_await down(depth - 1);
        co_await yield_now();
        co_return below + 1;
      }
    };
    local_executor ex;
    auto r = ex.run_until(nest::down(200));
    REQUIRE(r.ok());
    CHECK(*r == 200);
  }
}
