// worker_pool: N threads, each running its own worker (reactor, executor,
// inbox) with nothing shared but the inboxes: the thread-per-core shape.
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <functional>
#include <latch>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/epoll_worker.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

class worker_pool {
 public:
  // What each thread runs: given its worker, the task that is its life.
  using body = std::function<task<void>(worker&)>;

  explicit worker_pool(std::size_t threads);
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;
  // Asks the workers to stop and waits for them.
  ~worker_pool();

  // Starts the threads. Each builds its worker, waits until every worker
  // exists, then runs `b(w)` on its executor until that task returns.
  // start() returns once every worker can receive posts. A worker whose
  // epoll instance or eventfd could not be created (the process is out of
  // fds) skips its body: see failed_workers().
  void start(body b);

  // Any thread, from start() until join(): runs f(worker&) on worker i's
  // thread, inside a task of its executor.
  template <class F>
    requires std::invocable<std::decay_t<F>&, worker&>
  void post(std::size_t i, F&& f) {
    expect(i < workers_.size() && workers_[i] != nullptr, "worker_pool::post to a worker that is not running");
    worker* w = workers_[i];
    w->mailbox.post([w, f = std::forward<F>(f)]() mutable { f(*w); });
  }

  // Any thread: hands an open connection to worker i, which registers it
  // and calls f(worker&, io_result<tcp_stream>, std::vector<std::byte> already_read).
  template <class F>
    requires std::invocable<std::decay_t<F>&, worker&, io_result<tcp_stream>, std::vector<std::byte>>
  void post_connection(std::size_t i, tcp_handoff conn, F&& f) {
    expect(i < workers_.size() && workers_[i] != nullptr, "worker_pool::post_connection to a worker that is not running");
    worker* w = workers_[i];
    w->mailbox.post_connection(std::move(conn),
                               [w, f = std::forward<F>(f)](io_result<tcp_stream> s, std::vector<std::byte> bytes) mutable {
                                 f(*w, std::move(s), std::move(bytes));
                               });
  }

  // Any thread, once: sets every worker's `stopping` event (through its
  // inbox). No post may follow it.
  void request_stop();
  // Waits until every body has returned and every thread has finished
  // (without asking them to stop). No post may follow it.
  // note: a worker is destroyed only once every body has returned and the
  // pool has been told that no more posts come (request_stop or join), so a
  // late post from another worker never reaches a destroyed inbox.
  void join();

  std::size_t size() const noexcept { return workers_.size(); }
  // Workers that could not set up their reactor or inbox (known after start()).
  std::size_t failed_workers() const noexcept { return failed_.load(); }

 private:
  void thread_main(std::size_t i);

  body body_;
  std::vector<worker*> workers_;  // published before `ready_` opens, stable until join
  std::vector<std::thread> threads_;
  std::unique_ptr<std::latch> ready_;     // every worker exists
  std::unique_ptr<std::latch> finished_;  // every body has returned
  std::unique_ptr<std::latch> released_;  // no more posts come from outside
  std::atomic<bool> releasing_{false};
  std::atomic<std::size_t> failed_{0};
  void release() noexcept;
};

}  // namespace skirmish::rt
