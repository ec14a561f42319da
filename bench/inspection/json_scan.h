// Just enough JSON for the load driver: walk the members of an object and skip values, without
// building anything. Depth-aware, so that a key nested in another member (a crossing's
// "inspection_id" inside "last_crossings") is never mistaken for a top-level one. Input that is
// not well formed yields "not found", never a read past the end.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace limen::bench {

// Returns the position just past the JSON value starting at text[position] (after whitespace),
// or npos if it does not end within text.
inline size_t SkipJsonValue(std::string_view text, size_t position) {
  auto skip_space = [&](size_t p) {
    while (p < text.size() &&
           (text[p] == ' ' || text[p] == '\n' || text[p] == '\r' || text[p] == '\t')) {
      ++p;
    }
    return p;
  };
  position = skip_space(position);
  if (position >= text.size()) return std::string_view::npos;
  int depth = 0;
  bool in_string = false;
  for (size_t p = position; p < text.size(); ++p) {
    const char c = text[p];
    if (in_string) {
      if (c == '\\') {
        ++p;
      } else if (c == '"') {
        in_string = false;
        if (depth == 0) return p + 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '{':
      case '[':
        ++depth;
        break;
      case '}':
      case ']':
        if (depth == 0) return p;  // The end of the enclosing container: a bare literal ended.
        if (--depth == 0) return p + 1;
        break;
      case ',':
      case ' ':
      case '\n':
      case '\r':
      case '\t':
        if (depth == 0) return p;
        break;
      default:
        break;
    }
  }
  return depth == 0 && !in_string ? text.size() : std::string_view::npos;
}

// The text of the value of member `key` of the object that is `object` (which starts with '{'
// after whitespace), or an empty view when there is no such member. Keys are compared as written
// (the keys the driver asks for need no escapes).
inline std::string_view JsonMember(std::string_view object, std::string_view key) {
  size_t p = object.find_first_not_of(" \n\r\t");
  if (p == std::string_view::npos || object[p] != '{') return {};
  ++p;
  while (true) {
    p = object.find_first_not_of(" \n\r\t,", p);
    if (p == std::string_view::npos || object[p] != '"') return {};
    const size_t key_end = SkipJsonValue(object, p);
    if (key_end == std::string_view::npos) return {};
    const std::string_view name = object.substr(p + 1, key_end - p - 2);
    p = object.find_first_not_of(" \n\r\t", key_end);
    if (p == std::string_view::npos || object[p] != ':') return {};
    const size_t value_start = object.find_first_not_of(" \n\r\t", p + 1);
    if (value_start == std::string_view::npos) return {};
    const size_t value_end = SkipJsonValue(object, value_start);
    if (value_end == std::string_view::npos) return {};
    if (name == key) return object.substr(value_start, value_end - value_start);
    p = value_end;
  }
}

// The elements of the array `array` (starting with '['), in order; empty for anything else.
inline std::vector<std::string_view> JsonElements(std::string_view array) {
  std::vector<std::string_view> elements;
  size_t p = array.find_first_not_of(" \n\r\t");
  if (p == std::string_view::npos || array[p] != '[') return elements;
  ++p;
  while (true) {
    p = array.find_first_not_of(" \n\r\t,", p);
    if (p == std::string_view::npos || array[p] == ']') return elements;
    const size_t end = SkipJsonValue(array, p);
    if (end == std::string_view::npos) return {};
    elements.push_back(array.substr(p, end - p));
    p = end;
  }
}

// The content of the JSON string `value` with \" and \\ undone (other escapes kept as written),
// or an empty string when `value` is not a string.
inline std::string JsonString(std::string_view value) {
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') return {};
  std::string out;
  for (size_t i = 1; i + 1 < value.size(); ++i) {
    if (value[i] == '\\' && i + 2 < value.size() && (value[i + 1] == '"' || value[i + 1] == '\\'))
      ++i;
    out += value[i];
  }
  return out;
}

// `text` as a JSON string literal, quotes included.
inline std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace limen::bench
