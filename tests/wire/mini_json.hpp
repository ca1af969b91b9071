// mini_json: just enough JSON to read vectors.json in the tests (no floats, simple escapes).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skirmish::wire::test {

struct json {
  enum class kind { null, boolean, number, string, array, object };
  kind k = kind::null;
  bool b = false;
  std::int64_t n = 0;
  std::string s;
  std::vector<json> items;
  std::map<std::string, json, std::less<>> fields;

  [[nodiscard]] bool is_null() const { return k == kind::null; }
  [[nodiscard]] bool has(std::string_view key) const { return fields.find(key) != fields.end(); }
  // The field `key`, or a null value when there is none.
  [[nodiscard]] const json& operator[](std::string_view key) const {
    static const json none;
    auto it = fields.find(key);
    return it == fields.end() ? none : it->second;
  }
  [[nodiscard]] const json& operator[](std::size_t i) const { return items.at(i); }
};

// Parses `text`; nothing if it is not JSON this reader understands.
class json_reader {
 public:
  explicit json_reader(std::string_view text) : t_(text) {}

  std::optional<json> parse() {
    auto v = value();
    skip();
    if (!v || i_ != t_.size()) return std::nullopt;
    return v;
  }

 private:
  void skip() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (t_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  std::optional<std::string> string() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (i_ < t_.size() && t_[i_] != '"') {
      char c = t_[i_++];
      if (c == '\\') {
        if (i_ >= t_.size()) return std::nullopt;
        const char e = t_[i_++];
        if (e == 'n') c = '\n';
        else if (e == 't') c = '\t';
        else if (e == '"' || e == '\\' || e == '/') c = e;
        else return std::nullopt;  // note: vectors.json holds raw UTF-8, no \u escapes
      }
      out += c;
    }
    if (!eat('"')) return std::nullopt;
    return out;
  }
  std::optional<json> value() {
    skip();
    if (i_ >= t_.size()) return std::nullopt;
    json v;
    const char c = t_[i_];
    if (c == '{') {
      ++i_;
      v.k = json::kind::object;
      if (eat('}')) return v;
      do {
        auto key = string();
        if (!key || !eat(':')) return std::nullopt;
        auto item = value();
        if (!item) return std::nullopt;
        v.fields.emplace(std::move(*key), std::move(*item));
      } while (eat(','));
      if (!eat('}')) return std::nullopt;
    } else if (c == '[') {
      ++i_;
      v.k = json::kind::array;
      if (eat(']')) return v;
      do {
        auto item = value();
        if (!item) return std::nullopt;
        v.items.push_back(std::move(*item));
      } while (eat(','));
      if (!eat(']')) return std::nullopt;
    } else if (c == '"') {
      auto s = string();
      if (!s) return std::nullopt;
      v.k = json::kind::string;
      v.s = std::move(*s);
    } else if (word("true")) {
      v.k = json::kind::boolean;
      v.b = true;
    } else if (word("false")) {
      v.k = json::kind::boolean;
    } else if (word("null")) {
      v.k = json::kind::null;
    } else {
      v.k = json::kind::number;
      const bool negative = c == '-';
      if (negative) ++i_;
      const std::size_t start = i_;
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') v.n = v.n * 10 + (t_[i_++] - '0');
      if (i_ == start) return std::nullopt;
      if (negative) v.n = -v.n;
    }
    return v;
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

}  // namespace skirmish::wire::test
