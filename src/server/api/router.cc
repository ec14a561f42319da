#include "server/api/router.h"

#include "base/check.h"
#include "server/api/errors.h"

namespace limen::server {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else if (plus_is_space && text[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::optional<std::string> ApiRequest::Query(std::string_view name) const {
  std::string_view query = http.query;
  while (!query.empty()) {
    size_t end = query.find('&');
    std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    size_t equals = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, equals), true);
    if (key != name) continue;
    if (equals == std::string_view::npos) return std::string();
    return PercentDecode(pair.substr(equals + 1), true);
  }
  return std::nullopt;
}

const std::string& ApiRequest::PathParam(const std::string& name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

ApiResponse ApiResponse::Json(int status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

ApiResponse ApiResponse::Error(const Status& status) {
  return Json(HttpStatusFor(status), ErrorBody(status));
}

void Router::Add(RouteSpec spec, RouteHandler handler) {
  LIMEN_CHECK(handler != nullptr);
  auto route = std::make_unique<Route>();
  route->segments = SplitPath(spec.pattern);
  route->spec = std::move(spec);
  route->handler = std::move(handler);
  routes_.push_back(std::move(route));
}

void Router::AddSync(RouteSpec spec, SyncRouteHandler handler) {
  Add(std::move(spec), [handler = std::move(handler)](std::shared_ptr<const ApiRequest> request,
                                                      Reply reply) { reply(handler(*request)); });
}

Router::MatchResult Router::Match(std::string_view method, std::string_view path) const {
  MatchResult result;
  const std::vector<std::string> segments = SplitPath(path);
  for (const auto& route : routes_) {
    if (route->segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matched = true;
    for (size_t i = 0; i < segments.size() && matched; ++i) {
      const std::string& expected = route->segments[i];
      if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
        params[expected.substr(1, expected.size() - 2)] = segments[i];
      } else {
        matched = expected == segments[i];
      }
    }
    if (!matched) continue;
    if (route->spec.method != method) {
      result.path_matched_other_method = true;
      continue;
    }
    result.route = route.get();
    result.path_params = std::move(params);
    return result;
  }
  return result;
}

}  // namespace limen::server
