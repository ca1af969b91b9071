// static_files: GET and HEAD for the files under a web root, with MIME types,
// validators (ETag, Last-Modified, 304) and no way out of the root.
#pragma once

#include <string>

#include "skirmish/relay/http_request.hpp"
#include "skirmish/relay/http_response.hpp"
#include "skirmish/rt/result.hpp"

namespace skirmish::relay {

// note: files are read when asked for, with blocking calls on the worker's
// thread. The web root is a handful of small files the kernel keeps in its
// page cache, so this costs microseconds; a big or slow web root would want
// a cache in memory (or a CDN) instead.
class static_files {
 public:
  // Opens `root` (resolved once, symlinks included); an error names the problem.
  [[nodiscard]] static rt::result<static_files, std::string> open(const std::string& root);

  // The answer for `req`: 200 with the file, 301 to add a directory's
  // slash, 304 when the client's copy is current, 400, 404, 405.
  [[nodiscard]] http_response serve(const http_request& req) const;

  [[nodiscard]] const std::string& root() const noexcept { return root_; }

 private:
  explicit static_files(std::string root) : root_(std::move(root)) {}
  std::string root_;  // absolute, no symlinks, no trailing '/'
};

}  // namespace skirmish::relay
