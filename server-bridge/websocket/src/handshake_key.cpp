// Sec-WebSocket-Accept through libcrypto's SHA-1, and the engine's randomness.
#include "skirmish/ws/handshake_key.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstring>

#include "skirmish/ws/base64.hpp"
#include "skirmish/ws/random.hpp"

namespace skirmish::ws {

namespace {
constexpr std::string_view websocket_guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
}

std::string accept_key(std::string_view client_key) {
  // note: keys are at most a header's length, so one stack buffer holds key + GUID.
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, client_key.data(), client_key.size()) == 1 &&
            EVP_DigestUpdate(ctx, websocket_guid.data(), websocket_guid.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, digest.data(), &digest_size) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return {};  // only when libcrypto cannot allocate; the handshake then fails to match
  return base64_encode(std::as_bytes(std::span(digest.data(), digest_size)));
}

bool is_valid_key(std::string_view key) {
  if (key.size() != 24) return false;
  auto bytes = base64_decode(key);
  return bytes && bytes->size() == 16;
}

std::string make_key(std::span<const std::byte, 16> nonce) { return base64_encode(nonce); }

bool fill_random(std::span<std::byte> out) noexcept {
  if (out.empty()) return true;
  return RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size())) == 1;
}

std::uint64_t random_seed() noexcept {
  std::array<std::byte, 8> bytes{};
  std::uint64_t seed = 0;
  if (fill_random(bytes)) {
    std::memcpy(&seed, bytes.data(), sizeof seed);
    return seed;
  }
  auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  return now ^ (reinterpret_cast<std::uintptr_t>(&seed) * 0x9E3779B97F4A7C15ull);
}

}  // namespace skirmish::ws
