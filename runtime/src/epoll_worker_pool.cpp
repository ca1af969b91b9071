// worker_pool: starting the threads, publishing their workers, stopping them.
#include "skirmish/rt/epoll_worker_pool.hpp"

namespace skirmish::rt {

worker_pool::worker_pool(std::size_t threads) : workers_(threads, nullptr) {}

worker_pool::~worker_pool() {
  if (!threads_.empty()) {
    request_stop();
    join();
  }
}

void worker_pool::start(body b) {
  expect(threads_.empty(), "worker_pool::start called twice");
  body_ = std::move(b);
  auto n = static_cast<std::ptrdiff_t>(workers_.size());
  ready_ = std::make_unique<std::latch>(n + 1);
  finished_ = std::make_unique<std::latch>(n);
  released_ = std::make_unique<std::latch>(1);
  releasing_.store(false);
  threads_.reserve(workers_.size());
  for (std::size_t i = 0; i < workers_.size(); ++i) threads_.emplace_back([this, i] { thread_main(i); });
  ready_->arrive_and_wait();
}

void worker_pool::thread_main(std::size_t i) {
  worker w(i);
  workers_[i] = &w;
  bool usable = w.reactor.ok() && w.mailbox.ok();
  if (!usable) failed_.fetch_add(1);
  ready_->arrive_and_wait();
  if (usable) {
    auto done = w.executor.run_until(body_(w));
    (void)done;  // stalled only if the body waits on nothing that could ever wake it
  }
  finished_->arrive_and_wait();
  released_->wait();
}

void worker_pool::request_stop() {
  if (threads_.empty() || releasing_.exchange(true)) return;
  for (std::size_t i = 0; i < workers_.size(); ++i) post(i, [](worker& w) { w.stopping.set(); });
  released_->count_down();
}

void worker_pool::release() noexcept {
  if (!releasing_.exchange(true)) released_->count_down();
}

void worker_pool::join() {
  if (threads_.empty()) return;
  release();
  for (auto& t : threads_) t.join();
  threads_.clear();
  for (auto& w : workers_) w = nullptr;
}

}  // namespace skirmish::rt
