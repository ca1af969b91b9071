// message: any protocol message, as decode() returns it.
#pragma once

#include <type_traits>
#include <variant>

#include "skirmish/wire/client_messages.hpp"
#include "skirmish/wire/history.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::wire {

using message = std::variant<hello, input, hash_report, ping, leave,
                             error, welcome, bundle, history, player_joined, player_left, desync, pong>;

namespace detail {
template <class T, class V>
struct is_alternative : std::false_type {};
template <class T, class... M>
struct is_alternative<T, std::variant<M...>> : std::bool_constant<(std::is_same_v<T, M> || ...)> {};
}  // namespace detail

// One of the message structs above.
template <class T>
concept message_kind = detail::is_alternative<T, message>::value;

// The type byte of a message held in the variant.
[[nodiscard]] inline message_type type_of(const message& m) noexcept {
  return std::visit([](const auto& v) { return std::decay_t<decltype(v)>::type; }, m);
}

}  // namespace skirmish::wire
