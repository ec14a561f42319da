#include "store/internal/flat_json.h"

#include "base/strings.h"

#include <charconv>
#include <cstdio>

namespace limen::store::internal {
namespace {

Status FlatJsonPayloadError(std::string_view what) {
  return DataLoss("EVENT_PAYLOAD_INVALID",
                  "An event payload cannot be read (" + std::string(what) +
                      "); run `limen log verify` and restore from a backup if it fails.");
}

void FlatJsonAppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// A recursive-descent reader over the supported subset.
class FlatJsonReader {
 public:
  explicit FlatJsonReader(std::string_view text) : text_(text) {}

  bool AtEnd() {
    SkipSpace();
    return pos_ == text_.size();
  }
  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool ConsumeWord(std::string_view word) {
    SkipSpace();
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  std::optional<std::string> ReadString();
  std::optional<int64_t> ReadInt();
  std::optional<FlatJsonValue> ReadValue();

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  std::optional<uint32_t> ReadHex4();
  bool ReadEscape(std::string& out);

  std::string_view text_;
  size_t pos_ = 0;
};

std::optional<uint32_t> FlatJsonReader::ReadHex4() {
  if (pos_ + 4 > text_.size()) return std::nullopt;
  uint32_t value = 0;
  auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, value, 16);
  if (error != std::errc() || end != text_.data() + pos_ + 4) return std::nullopt;
  pos_ += 4;
  return value;
}

bool FlatJsonReader::ReadEscape(std::string& out) {
  if (pos_ >= text_.size()) return false;
  char c = text_[pos_++];
  switch (c) {
    case '"':
    case '\\':
    case '/':
      out.push_back(c);
      return true;
    case 'b':
      out.push_back('\b');
      return true;
    case 'f':
      out.push_back('\f');
      return true;
    case 'n':
      out.push_back('\n');
      return true;
    case 'r':
      out.push_back('\r');
      return true;
    case 't':
      out.push_back('\t');
      return true;
    case 'u':
      break;
    default:
      return false;
  }
  std::optional<uint32_t> unit = ReadHex4();
  if (!unit) return false;
  uint32_t code_point = *unit;
  if (code_point >= 0xD800 && code_point < 0xDC00) {
    if (text_.substr(pos_, 2) != "\\u") return false;
    pos_ += 2;
    std::optional<uint32_t> low = ReadHex4();
    if (!low || *low < 0xDC00 || *low > 0xDFFF) return false;
    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
  } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
    return false;
  }
  FlatJsonAppendUtf8(out, code_point);
  return true;
}

std::optional<std::string> FlatJsonReader::ReadString() {
  if (!Consume('"')) return std::nullopt;
  std::string out;
  while (pos_ < text_.size()) {
    // Copy the run of plain characters up to the next quote, escape or control character at once.
    size_t run = pos_;
    while (run < text_.size() && text_[run] != '"' && text_[run] != '\\' &&
           static_cast<unsigned char>(text_[run]) >= 0x20) {
      ++run;
    }
    out.append(text_.data() + pos_, run - pos_);
    pos_ = run;
    if (pos_ >= text_.size()) break;
    char c = text_[pos_++];
    if (c == '"') return out;
    if (c != '\\' || !ReadEscape(out)) return std::nullopt;  // A control character or bad escape.
  }
  return std::nullopt;
}

std::optional<int64_t> FlatJsonReader::ReadInt() {
  SkipSpace();
  int64_t value = 0;
  auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
  if (error != std::errc()) return std::nullopt;
  pos_ = static_cast<size_t>(end - text_.data());
  return value;
}

std::optional<FlatJsonValue> FlatJsonReader::ReadValue() {
  SkipSpace();
  if (pos_ >= text_.size()) return std::nullopt;
  char c = text_[pos_];
  if (c == '"') return ReadString();
  if (ConsumeWord("true")) return true;
  if (ConsumeWord("false")) return false;
  if (ConsumeWord("null")) return nullptr;
  if (c == '[') {
    ++pos_;
    std::vector<std::string> items;
    if (Consume(']')) return items;
    do {
      std::optional<std::string> item = ReadString();
      if (!item) return std::nullopt;
      items.push_back(std::move(*item));
    } while (Consume(','));
    if (!Consume(']')) return std::nullopt;
    return items;
  }
  std::optional<int64_t> number = ReadInt();
  if (!number) return std::nullopt;
  return *number;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  AppendJsonEscaped(out, text);
  out.push_back('"');
}

void FlatJsonWriter::Key(std::string_view key) {
  if (text_.size() > 1) text_.push_back(',');
  AppendJsonString(text_, key);
  text_.push_back(':');
}

FlatJsonWriter& FlatJsonWriter::Add(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonString(text_, value);
  return *this;
}

FlatJsonWriter& FlatJsonWriter::Add(std::string_view key, int64_t value) {
  Key(key);
  text_ += std::to_string(value);
  return *this;
}

FlatJsonWriter& FlatJsonWriter::Add(std::string_view key, bool value) {
  Key(key);
  text_ += value ? "true" : "false";
  return *this;
}

FlatJsonWriter& FlatJsonWriter::Add(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  text_.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text_.push_back(',');
    AppendJsonString(text_, values[i]);
  }
  text_.push_back(']');
  return *this;
}

Result<FlatJsonObject> FlatJsonObject::Parse(std::string_view text) {
  FlatJsonReader reader(text);
  FlatJsonObject object;
  object.fields_.reserve(16);
  if (!reader.Consume('{')) return FlatJsonPayloadError("it is not a JSON object");
  if (!reader.Consume('}')) {
    do {
      std::optional<std::string> key = reader.ReadString();
      if (!key || !reader.Consume(':')) return FlatJsonPayloadError("a key is malformed");
      std::optional<FlatJsonValue> value = reader.ReadValue();
      if (!value) return FlatJsonPayloadError("the value of \"" + *key + "\" is malformed");
      object.Set(std::move(*key), std::move(*value));
    } while (reader.Consume(','));
    if (!reader.Consume('}')) return FlatJsonPayloadError("the object is not closed");
  }
  if (!reader.AtEnd()) return FlatJsonPayloadError("text follows the object");
  return object;
}

const FlatJsonValue* FlatJsonObject::Find(std::string_view key) const {
  for (const auto& [name, value] : fields_) {
    if (name == key) return &value;
  }
  return nullptr;
}

void FlatJsonObject::Set(std::string key, FlatJsonValue value) {
  for (auto& [name, held] : fields_) {
    if (name == key) {
      held = std::move(value);
      return;
    }
  }
  fields_.emplace_back(std::move(key), std::move(value));
}

template <typename T>
Result<T> TypedField(const FlatJsonValue* value, std::string_view key, const char* type) {
  if (value == nullptr)
    return FlatJsonPayloadError("field \"" + std::string(key) + "\" is missing");
  if (const T* typed = std::get_if<T>(value)) return *typed;
  return FlatJsonPayloadError("field \"" + std::string(key) + "\" is not " + type);
}

Result<std::string> FlatJsonObject::StringOr(std::string_view key,
                                             std::string_view fallback) const {
  if (Find(key) == nullptr) return std::string(fallback);
  return String(key);
}

Result<std::string> FlatJsonObject::String(std::string_view key) const {
  return TypedField<std::string>(Find(key), key, "a string");
}

Result<int64_t> FlatJsonObject::Int(std::string_view key) const {
  return TypedField<int64_t>(Find(key), key, "an integer");
}

Result<bool> FlatJsonObject::Bool(std::string_view key) const {
  return TypedField<bool>(Find(key), key, "a boolean");
}

Result<std::vector<std::string>> FlatJsonObject::Strings(std::string_view key) const {
  return TypedField<std::vector<std::string>>(Find(key), key, "an array of strings");
}

}  // namespace limen::store::internal
