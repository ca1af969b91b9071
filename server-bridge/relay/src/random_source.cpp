// random_source: getrandom(2) for real seeds and tokens, splitmix64 for tests.
#include "skirmish/relay/random_source.hpp"

#include <sys/random.h>

#include <cstring>
#include <random>

namespace skirmish::relay {

namespace {
std::uint64_t splitmix(std::uint64_t& s) noexcept {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
}  // namespace

void random_source::fill(std::span<std::byte> out) noexcept {
  if (seeded_) {
    for (std::size_t i = 0; i < out.size(); i += 8) {
      const std::uint64_t v = splitmix(state_);
      std::memcpy(out.data() + i, &v, out.size() - i < 8 ? out.size() - i : 8);
    }
    return;
  }
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::getrandom(out.data() + done, out.size() - done, 0);
    if (n <= 0) break;  // note: only EINTR in practice; fall back below rather than spin
    done += static_cast<std::size_t>(n);
  }
  if (done < out.size()) {
    std::random_device rd;
    for (; done < out.size(); ++done) out[done] = std::byte(rd() & 0xff);
  }
}

std::uint64_t random_source::next_u64() noexcept {
  std::uint64_t v = 0;
  std::byte b[8];
  fill(b);
  std::memcpy(&v, b, 8);
  return v;
}

}  // namespace skirmish::relay
