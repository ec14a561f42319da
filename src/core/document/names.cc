#include "core/document/names.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/document/internal/layout.h"

namespace limen::core::document {
namespace {

bool IsGap(char c) { return c == '<' || c == ' '; }

// "ANNA<MARIA<" -> "ANNA MARIA" appended to *out: gaps (fillers or spaces) become single spaces,
// ends trimmed. One copy of the text, then the gaps are rewritten in place (most names have
// single gaps, so little moves).
void AppendWords(std::string_view text, std::string* out) {
  size_t end = text.size();
  // Name fields end in long runs of fillers: skip them eight at a time first.
  while (end >= 8 && text.substr(end - 8, 8) == "<<<<<<<<") end -= 8;
  while (end > 0 && IsGap(text[end - 1])) --end;
  size_t begin = 0;
  while (begin < end && IsGap(text[begin])) ++begin;
  const size_t start = out->size();
  const size_t size = end - begin;
  out->append(text.data() + begin, size);
  // Without branches: each character is written, and kept unless it is a gap after a gap.
  char* chars = out->data() + start;
  size_t written = 0;
  bool after_gap = false;
  for (size_t index = 0; index < size; ++index) {
    const char c = chars[index];
    const bool gap = IsGap(c);
    chars[written] = gap ? ' ' : c;
    written += !(gap && after_gap);
    after_gap = gap;
  }
  out->resize(start + written);
}

void Words(std::string_view text, std::string* out) {
  out->clear();
  AppendWords(text, out);
}

}  // namespace

void ParseMrzName(std::string_view field, Names* names) {
  names->truncated = !field.empty() && field.back() != '<';
  const size_t separator = field.find("<<");
  if (separator == std::string_view::npos) {
    Words(field, &names->primary);
    names->secondary.clear();
  } else {
    Words(field.substr(0, separator), &names->primary);
    Words(field.substr(separator + 2), &names->secondary);
  }
}

Names ParseMrzName(std::string_view field) {
  Names names;
  ParseMrzName(field, &names);
  return names;
}

std::string FormatMrzName(std::string_view primary, std::string_view secondary, size_t length,
                          bool* truncated) {
  std::string name = TransliterateToMrz(primary);
  const std::string given = TransliterateToMrz(secondary);
  if (!given.empty()) name += "<<" + given;
  const bool cut = name.size() > length;
  if (truncated != nullptr) *truncated = cut;
  name.resize(length, '<');
  return name;
}

namespace internal {
namespace {

static_assert(std::endian::native == std::endian::little,
              "name fields are read as little-endian words: character i in bits 8i to 8i + 7");

constexpr size_t kNameBlock = 48;  // Enough for the longest name field (TD3: 39 characters).

// Copies the kNameBlock bytes at `padded` to `spaced` with every filler made a space, and
// returns a bit per filler (bit i: padded[i] is '<'). Eight bytes at a time, without a branch:
// the bytes equal to '<' are found exactly (no carries between bytes), then their flags are
// packed into eight bits by one multiplication.
uint64_t SpaceFillers(const char* padded, char* spaced) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Fu;
  uint64_t fillers = 0;
  for (size_t offset = 0; offset < kNameBlock; offset += 8) {
    uint64_t word;
    std::memcpy(&word, padded + offset, 8);
    const uint64_t x = word ^ 0x3C3C3C3C3C3C3C3Cu;                       // 0 exactly where '<'.
    const uint64_t ones = (~(((x & kLow7) + kLow7) | x) & ~kLow7) >> 7;  // 1 where '<'.
    word ^= ones * ('<' ^ ' ');
    std::memcpy(spaced + offset, &word, 8);
    fillers |= ((ones * 0x0102040810204080u) >> 56) << offset;
  }
  return fillers;
}

uint64_t Bits(size_t begin, size_t end) {  // Bits [begin, end), end at most 63.
  return ((uint64_t{1} << end) - 1) & ~((uint64_t{1} << begin) - 1);
}

}  // namespace

bool ReadNameField(std::string_view field, Names* names, FieldText* value) {
  const size_t size = field.size();
  if (size == 0 || size >= kNameBlock) return false;
  char spaced[2 * kNameBlock];
  const uint64_t fillers = SpaceFillers(field.data(), spaced) & Bits(0, size);
  std::memset(spaced + kNameBlock, ' ', kNameBlock);
  const uint64_t letters = ~fillers & Bits(0, size);
  const uint64_t pairs = fillers & (fillers >> 1);  // Bit i: a filler at i and at i + 1.
  names->truncated = (fillers >> (size - 1) & 1) == 0;
  // The primary identifier runs to the first "<<" (or the end). It holds no two fillers in a
  // row, so at most one leads and (without "<<") one trails: its fillers become single spaces.
  const bool separated = pairs != 0;
  const size_t separator = separated ? static_cast<size_t>(std::countr_zero(pairs)) : size;
  size_t primary_begin = fillers & 1;
  size_t primary_end = separated ? separator : size - (fillers >> (size - 1) & 1);
  if (letters == 0 || primary_end < primary_begin) primary_begin = primary_end = 0;
  // The secondary identifier: from the first letter after "<<" to the last letter.
  const uint64_t secondary_letters = separated ? letters & ~Bits(0, separator + 2) : 0;
  size_t secondary_begin = 0;
  size_t secondary_end = 0;
  if (secondary_letters != 0) {
    secondary_begin = static_cast<size_t>(std::countr_zero(secondary_letters));
    secondary_end = 64 - static_cast<size_t>(std::countl_zero(secondary_letters));
    // Fillers in a row within it must be read as one gap: the general reading does that.
    if ((pairs & Bits(secondary_begin, secondary_end)) != 0) return false;
  }
  const size_t primary_size = primary_end - primary_begin;
  const size_t secondary_size = secondary_end - secondary_begin;
  names->primary.assign(spaced + primary_begin, primary_size);
  names->secondary.assign(spaced + secondary_begin, secondary_size);
  // "PRIMARY, SECONDARY", assembled with copies of fixed size.
  char joined[3 * kNameBlock];
  std::memcpy(joined, spaced + primary_begin, kNameBlock);
  size_t joined_size = primary_size;
  if (secondary_size > 0) {
    joined[joined_size++] = ',';
    joined[joined_size++] = ' ';
    std::memcpy(joined + joined_size, spaced + secondary_begin, kNameBlock);
    joined_size += secondary_size;
  }
  value->AssignPadded(std::string_view(joined, joined_size));
  return true;
}

}  // namespace internal

size_t WriteMrzNameDisplay(std::string_view mrz_words, char* out) {
  size_t written = 0;
  bool word_start = true;
  bool space_due = false;  // A gap after a word: a space, unless the name ends there.
  for (char c : mrz_words) {
    if (IsGap(c)) {
      space_due = written > 0;
      word_start = true;
      continue;
    }
    if (space_due) out[written++] = ' ';
    space_due = false;
    if (!word_start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out[written++] = c;
    word_start = false;
  }
  return written;
}

std::string MrzNameToDisplay(std::string_view mrz_words) {
  std::string out(mrz_words.size(), ' ');
  out.resize(WriteMrzNameDisplay(mrz_words, out.data()));
  return out;
}

}  // namespace limen::core::document
