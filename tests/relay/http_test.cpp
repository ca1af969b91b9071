// HTTP: static files (MIME types, validators and 304, HEAD, index.html,
// redirects), every way out of the web root we could think of, and the endpoints.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "skirmish/relay/http_routes.hpp"
#include "skirmish/relay/mime_type.hpp"
#include "skirmish/relay/request_path.hpp"
#include "skirmish/relay/static_files.hpp"

using namespace skirmish::relay;
namespace fs = std::filesystem;

namespace {

// A scratch folder:  <tmp>/secret.txt  and the web root <tmp>/www with a few files.
struct web_folder {
  web_folder() {
    char pattern[] = "/tmp/skirmish-http-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    base = pattern;
    root = base / "www";
    fs::create_directories(root / "js");
    fs::create_directories(root / "docs");
    fs::create_directories(root / "empty");
    fs::create_directories(root / ".git");
    write(base / "secret.txt", "top secret");
    write(root / "index.html", "<!doctype html><title>skirmish</title>");
    write(root / "js" / "app.mjs", "export const x = 1;");
    write(root / "game.wasm", std::string("\0asm\1\0\0\0", 8));
    write(root / "style.css", "body{}");
    write(root / "logo.svg", "<svg/>");
    write(root / "docs" / "index.html", "docs");
    write(root / ".git" / "config", "[core]");
    write(root / ".env", "KEY=1");
    fs::create_symlink(base / "secret.txt", root / "leak.txt");     // points outside
    fs::create_symlink(base, root / "up");                          // a folder outside
    fs::create_symlink(root / "js" / "app.mjs", root / "alias.js");  // points inside: fine
  }
  ~web_folder() { fs::remove_all(base); }
  static void write(const fs::path& p, const std::string& s) {
    std::ofstream f(p, std::ios::binary);
    f << s;
  }

  fs::path base;
  fs::path root;
};

http_response get(const static_files& files, std::string_view path, std::string_view method = "GET") {
  return files.serve(http_request{.method = method, .path = path});
}

}  // namespace

TEST_SUITE("http") {
  TEST_CASE("files are served with their MIME types and validators") {
    web_folder w;
    auto files = static_files::open(w.root.string());
    REQUIRE(files.ok());

    const http_response index = get(*files, "/");
    CHECK(index.status == 200);
    CHECK(index.body == "<!doctype html><title>skirmish</title>");
    CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(index.header("Cache-Control") == "no-cache");
    CHECK(!index.header("ETag").empty());
    CHECK(index.header("Last-Modified").ends_with(" GMT"));

    CHECK(get(*files, "/js/app.mjs").header("Content-Type") == "text/javascript; charset=utf-8");
    const http_response wasm = get(*files, "/game.wasm");
    CHECK(wasm.header("Content-Type") == "application/wasm");
    CHECK(wasm.body.size() == 8);
    CHECK(get(*files, "/style.css").header("Content-Type") == "text/css; charset=utf-8");
    CHECK(get(*files, "/logo.svg").header("Content-Type") == "image/svg+xml");
    CHECK(get(*files, "/alias.js").body == "export const x = 1;");  // a symlink inside the root
    CHECK(get(*files, "/js%2Fapp.mjs").status == 400);
    CHECK(get(*files, "/%6As/app.mjs").status == 200);  // "%6A" is "j"
  }

  TEST_CASE("mime types") {
    CHECK(mime_type_for("a/b/c.WASM") == "application/wasm");
    CHECK(mime_type_for("x.js") == "text/javascript; charset=utf-8");
    CHECK(mime_type_for("x.json") == "application/json");
    CHECK(mime_type_for("x.png") == "image/png");
    CHECK(mime_type_for("x.html") == "text/html; charset=utf-8");
    CHECK(mime_type_for("noext") == "application/octet-stream");
    CHECK(mime_type_for("dir.d/file") == "application/octet-stream");
    CHECK(mime_type_for("trailing.") == "application/octet-stream");
  }

  TEST_CASE("304 for a current copy, by ETag or by date") {
    web_folder w;
    auto files = static_files::open(w.root.string());
    REQUIRE(files.ok());
    const http_response first = get(*files, "/js/app.mjs");
    const std::string etag(first.header("ETag"));
    const std::string modified(first.header("Last-Modified"));

    http_response again = files->serve({.method = "GET", .path = "/js/app.mjs", .if_none_match = etag});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("ETag") == etag);
    const std::string wire = again.serialize(false);
    CHECK(wire.starts_with("HTTP/1.1 304 Not Modified\r\n"));
    CHECK(wire.ends_with("\r\n\r\n"));

    const std::string list = "\"nope\", W/" + etag;
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_none_match = list}).status == 304);
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_none_match = "*"}).status == 304);
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_none_match = "\"other\""}).status == 200);
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_modified_since = modified}).status == 304);
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_modified_since = "Sun, 06 Nov 1994 08:49:37 GMT"}).status == 200);
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_modified_since = "yesterday"}).status == 200);
    // If-None-Match wins over the date.
    CHECK(files->serve({.method = "GET", .path = "/js/app.mjs", .if_none_match = "\"other\"", .if_modified_since = modified}).status ==
          200);

    // A changed file gets a new ETag.
    web_folder::write(w.root / "js" / "app.mjs", "export const x = 22;");
    const http_response changed = get(*files, "/js/app.mjs");
    CHECK(changed.header("ETag") != etag);
  }

  TEST_CASE("HEAD: the headers and the length, no body") {
    web_folder w;
    auto files = static_files::open(w.root.string());
    REQUIRE(files.ok());
    const http_response h = get(*files, "/game.wasm", "HEAD");
    CHECK(h.status == 200);
    CHECK(h.body.empty());
    CHECK(h.content_length == 8);
    const std::string wire = h.serialize(true);
    CHECK(wire.find("Content-Length: 8\r\n") != std::string::npos);
    CHECK(wire.find("Connection: keep-alive\r\n") != std::string::npos);
    CHECK(wire.ends_with("\r\n\r\n"));
    const http_response missing = get(*files, "/nope", "HEAD");
    CHECK(missing.status == 404);
    CHECK(missing.serialize(false).ends_with("\r\n\r\n"));
  }

  TEST_CASE("404, 405, and directories") {
    web_folder w;
    auto files = static_files::open(w.root.string());
    REQUIRE(files.ok());
    CHECK(get(*files, "/missing.js").status == 404);
    CHECK(get(*files, "/empty/").status == 404);  // no index.html
    const http_response dir = get(*files, "/docs");
    CHECK(dir.status == 301);
    CHECK(dir.header("Location") == "/docs/");
    CHECK(get(*files, "/docs/").body == "docs");
    const http_response post = get(*files, "/", "POST");
    CHECK(post.status == 405);
    CHECK(post.header("Allow") == "GET, HEAD");
    const std::string page = get(*files, "/missing.js").serialize(false);
    CHECK(page.starts_with("HTTP/1.1 404 Not Found\r\n"));
    CHECK(page.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    CHECK(page.ends_with("404 Not Found\nno such file\n"));
  }

  TEST_CASE("no way out of the web root") {
    web_folder w;
    auto files = static_files::open(w.root.string());
    REQUIRE(files.ok());
    for (const std::string_view path : {"/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                                        "/.%2e/secret.txt", "/js/%2e%2e/%2e%2e/secret.txt", "/..", "/./index.html",
                                        "/..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/index.html%00.js",
                                        "/%00", "/%", "/%zz", "/%2", "relative/path", "", "/a\r\nX-Injected: 1"}) {
      CAPTURE(path);
      const http_response r = get(*files, path);
      CHECK(r.status == 400);
      CHECK(r.body.find("top secret") == std::string::npos);
    }
    // Symlinks that lead out, hidden files and absolute-looking paths: not found.
    for (const std::string_view path : {"/leak.txt", "/up/secret.txt", "/up/", "/.git/config", "/.env", "/%2egit/config",
                                        "//etc/passwd", "/etc/passwd", "/up"}) {
      CAPTURE(path);
      const http_response r = get(*files, path);
      CHECK(r.status == 404);
      CHECK(r.body.find("top secret") == std::string::npos);
    }
  }

  TEST_CASE("clean_request_path") {
    CHECK(*clean_request_path("/") == "");
    CHECK(*clean_request_path("/a//b/") == "a/b");
    CHECK(*clean_request_path("/a%20b.txt") == "a b.txt");
    CHECK(clean_request_path("/a/../b").error().status == 400);
    CHECK(clean_request_path("/.hidden").error().status == 404);
  }

  TEST_CASE("a web root must be a folder, and not /") {
    web_folder w;
    CHECK_FALSE(static_files::open((w.base / "secret.txt").string()).ok());
    CHECK_FALSE(static_files::open((w.base / "nothing").string()).ok());
    CHECK_FALSE(static_files::open("/").ok());
    CHECK_FALSE(static_files::open("").ok());
  }

  TEST_CASE("endpoints: /healthz, /metrics, /ws, and files without a web root") {
    worker_metrics m[2];
    m[1].connections = 3;
    const http_request health{.method = "GET", .path = "/healthz"};
    const http_response h = answer_http(health, nullptr, m);
    CHECK(h.status == 200);
    CHECK(h.body == "ok\n");
    const http_response metrics = answer_http({.method = "GET", .path = "/metrics"}, nullptr, m);
    CHECK(metrics.status == 200);
    CHECK(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(metrics.body.find("skirmish_relay_connections{worker=\"1\"} 3\n") != std::string::npos);
    const http_response ws = answer_http({.method = "GET", .path = "/ws"}, nullptr, m);
    CHECK(ws.status == 426);
    CHECK(ws.header("Upgrade") == "websocket");
    CHECK(answer_http({.method = "DELETE", .path = "/healthz"}, nullptr, m).status == 405);
    CHECK(answer_http({.method = "GET", .path = "/index.html"}, nullptr, m).status == 404);
    const http_response head = answer_http({.method = "HEAD", .path = "/healthz"}, nullptr, m);
    CHECK(head.content_length == 3);
    CHECK(head.serialize(false).ends_with("\r\n\r\n"));
  }
}
