// static_files: the web root, served safely.
#include "skirmish/relay/static_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "http_date.hpp"
#include "skirmish/relay/mime_type.hpp"
#include "skirmish/relay/request_path.hpp"

namespace skirmish::relay {

namespace {

constexpr std::size_t max_file_bytes = 256u << 20;

std::optional<std::string> real_path(const std::string& p) {
  char* r = ::realpath(p.c_str(), nullptr);
  if (r == nullptr) return std::nullopt;
  std::string out(r);
  std::free(r);
  return out;
}

// `p` is `root` or below it, and no part of it below the root is hidden.
bool inside(const std::string& p, const std::string& root) {
  if (p == root) return true;
  if (p.size() <= root.size() + 1 || p.compare(0, root.size(), root) != 0 || p[root.size()] != '/') return false;
  // note: a symlink inside the root may still point at a dotfile inside it.
  return p.find("/.", root.size()) == std::string::npos;
}

std::string etag_of(const struct stat& st) {
  char buf[64];
  const long long mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
  const int n = std::snprintf(buf, sizeof buf, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                              static_cast<unsigned long long>(mtime_ns));
  return std::string(buf, static_cast<std::size_t>(n));
}

// If-None-Match: "*" or a list of entity tags, weak or strong (weak comparison, RFC 9110 13.1.2).
bool etag_matches(std::string_view header, std::string_view etag) {
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
    std::size_t j = i;
    while (j < header.size() && header[j] != ',') ++j;
    std::string_view tag = header.substr(i, j - i);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (!tag.empty() && tag == etag) return true;
    i = j;
  }
  return false;
}

bool read_file(const std::string& path, std::size_t size, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, out.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(done);  // note: a file that shrank meanwhile is served as it is now
  return true;
}

}  // namespace

rt::result<static_files, std::string> static_files::open(const std::string& root) {
  if (root.empty()) return rt::fail(std::string("the web root is empty"));
  auto real = real_path(root);
  if (!real) return rt::fail("web root " + root + ": " + std::strerror(errno));
  struct stat st{};
  if (::stat(real->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return rt::fail("web root " + root + " is not a directory");
  if (*real == "/") return rt::fail(std::string("refusing to serve the whole file system as the web root"));
  return static_files(std::move(*real));
}

http_response static_files::serve(const http_request& req) const {
  const bool head = req.method == "HEAD";
  if (req.method != "GET" && !head) {
    http_response r = error_page(405, "only GET and HEAD are allowed", false);
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  auto rel = clean_request_path(req.path);
  if (!rel) return error_page(rel.error().status, rel.error().reason, head);

  std::string candidate = rel->empty() ? root_ : root_ + "/" + *rel;
  auto resolved = real_path(candidate);
  if (!resolved || !inside(*resolved, root_)) return error_page(404, "no such file", head);
  struct stat st{};
  if (::stat(resolved->c_str(), &st) != 0) return error_page(404, "no such file", head);

  if (S_ISDIR(st.st_mode)) {
    if (!req.path.ends_with('/')) {
      // note: a directory's relative links only work below its slash.
      http_response r = error_page(301, "", head);
      std::string location(req.path);
      location += '/';
      if (!req.query.empty()) {
        location += '?';
        location += req.query;
      }
      r.headers.emplace_back("Location", std::move(location));
      return r;
    }
    resolved = real_path(*resolved + "/index.html");
    if (!resolved || !inside(*resolved, root_) || ::stat(resolved->c_str(), &st) != 0) {
      return error_page(404, "no index.html in this folder", head);
    }
  }
  if (!S_ISREG(st.st_mode)) return error_page(404, "not a file", head);
  if (static_cast<std::size_t>(st.st_size) > max_file_bytes) return error_page(500, "the file is too large to serve", head);

  http_response r;
  r.head = head;
  const std::string etag = etag_of(st);
  const std::string last_modified = detail::format_http_date(st.st_mtim.tv_sec);
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Last-Modified", last_modified);
  // note: file names carry no content hash, so every use revalidates; a 304 is cheap.
  r.headers.emplace_back("Cache-Control", "no-cache");

  bool fresh = false;
  if (req.if_none_match) {
    fresh = etag_matches(*req.if_none_match, etag);
  } else if (req.if_modified_since) {
    const auto since = detail::parse_http_date(*req.if_modified_since);
    fresh = since && st.st_mtim.tv_sec <= *since;
  }
  if (fresh) {
    r.status = 304;
    return r;
  }

  r.status = 200;
  r.headers.emplace_back("Content-Type", std::string(mime_type_for(*resolved)));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (head) {
    r.content_length = static_cast<std::size_t>(st.st_size);
    return r;
  }
  if (!read_file(*resolved, static_cast<std::size_t>(st.st_size), r.body)) return error_page(404, "no such file", head);
  r.content_length = r.body.size();
  return r;
}

}  // namespace skirmish::relay
