#include <doctest/doctest.h>

#include <signal.h>

#include <set>
#include <vector>

#include "epoll_test_util.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_signal_set.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/yield_now.hpp"

using namespace skirmish::rt;
using skirmish::test::run;

namespace {

task<> raise_later(int sig) {
  co_await yield_now();
  ::raise(sig);
}

// Leaves the thread's signal mask as the test found it.
struct restore_mask {
  sigset_t saved;
  restore_mask() { ::pthread_sigmask(SIG_BLOCK, nullptr, &saved); }
  ~restore_mask() { ::pthread_sigmask(SIG_SETMASK, &saved, nullptr); }
};

}  // namespace

TEST_SUITE("signal_set") {
  TEST_CASE("SIGUSR1 raised to this thread arrives as a value, not as a handler") {
    restore_mask mask;
    epoll_reactor r;
    local_executor ex(r);
    auto set = signal_set::open(r, {SIGUSR1});
    REQUIRE(set.ok());
    auto raiser = ex.spawn(raise_later(SIGUSR1));
    auto got = run(ex, set->wait());  // waits: the signal comes a tick later
    REQUIRE(got.ok());
    CHECK(*got == SIGUSR1);
    run(ex, std::move(raiser));
  }

  TEST_CASE("several signals in one set are each read once") {
    restore_mask mask;
    epoll_reactor r;
    local_executor ex(r);
    auto set = signal_set::open(r, {SIGUSR1, SIGUSR2});
    REQUIRE(set.ok());
    ::raise(SIGUSR2);
    ::raise(SIGUSR1);
    std::multiset<int> got;
    for (int i = 0; i < 2; ++i) {
      auto s = run(ex, set->wait());
      REQUIRE(s.ok());
      got.insert(*s);
    }
    CHECK(got == std::multiset<int>{SIGUSR1, SIGUSR2});
  }

  TEST_CASE("SIGTERM ends an accept loop for a graceful drain") {
    restore_mask mask;
    epoll_reactor r;
    local_executor ex(r);
    auto set = signal_set::open(r, {SIGTERM, SIGINT});
    REQUIRE(set.ok());
    auto l = tcp_listener::bind(r, "127.0.0.1", 0);
    REQUIRE(l.ok());
    auto accept_loop = [](tcp_listener& l) -> task<int> {
      int served = 0;
      for (;;) {
        auto s = co_await l.accept();
        if (!s) co_return served;
        ++served;
      }
    };
    auto raiser = ex.spawn(raise_later(SIGTERM));
    auto first = run(ex, select(accept_loop(*l), set->wait()));
    REQUIRE(first.index() == 1);  // the signal won; the accept loop was cancelled
    REQUIRE(std::get<1>(first).ok());
    CHECK(*std::get<1>(first) == SIGTERM);
    CHECK_FALSE(l->io().waiting(io_direction::read));
    run(ex, std::move(raiser));
  }
}
