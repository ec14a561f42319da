// Small string helpers shared across modules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace limen {

std::string_view Trim(std::string_view text);
std::vector<std::string_view> Split(std::string_view text, char separator);
std::string ToUpperAscii(std::string_view text);
std::string ToLowerAscii(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
// Appends `text` escaped as the inside of a JSON string (quotes not included): ", \ and the
// control characters are escaped; other bytes, UTF-8 included, are copied.
void AppendJsonEscaped(std::string& out, std::string_view text);
// Lower-case hexadecimal encoding of bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace limen
