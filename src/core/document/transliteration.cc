// Unicode -> MRZ transliteration (ICAO Doc 9303 Part 3, section 6 and Tables A-C) and back.
//
// Doc 9303 tables come first; a character they do not list is decomposed (NFD) and its base
// letter used; anything still outside A-Z goes through ICU "Any-Latin; Latin-ASCII", and what
// ICU leaves outside A-Z is dropped.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/document/names.h"

namespace limen::core::document {
namespace {

using Table = std::unordered_map<char32_t, std::string_view>;

// Upper-case forms only; input is upper-cased first.
const Table& DocTable() {
  static const Table table = {
      // Table A: Latin letters whose MRZ form is not just the base letter.
      {U'Ä', "AE"},
      {U'Å', "AA"},
      {U'Æ', "AE"},
      {U'Ð', "D"},
      {U'Đ', "D"},
      {U'Ö', "OE"},
      {U'Ø', "OE"},
      {U'Œ', "OE"},
      {U'Ü', "UE"},
      {U'ß', "SS"},
      {U'ẞ', "SS"},
      {U'Þ', "TH"},
      {U'Ĳ', "IJ"},
      {U'Ł', "L"},
      {U'Ħ', "H"},
      {U'Ŧ', "T"},
      {U'Ŋ', "N"},
      {U'ı', "I"},
      {U'Ŀ', "L"},
      // Table B: Cyrillic.
      {U'А', "A"},
      {U'Б', "B"},
      {U'В', "V"},
      {U'Г', "G"},
      {U'Ґ', "G"},
      {U'Д', "D"},
      {U'Ђ', "D"},
      {U'Ѓ', "G"},
      {U'Е', "E"},
      {U'Ё', "E"},
      {U'Є', "IE"},
      {U'Ж', "ZH"},
      {U'З', "Z"},
      {U'Ѕ', "DZ"},
      {U'И', "I"},
      {U'І', "I"},
      {U'Ї', "I"},
      {U'Й', "I"},
      {U'Ј', "J"},
      {U'К', "K"},
      {U'Л', "L"},
      {U'Љ', "LJ"},
      {U'М', "M"},
      {U'Н', "N"},
      {U'Њ', "NJ"},
      {U'О', "O"},
      {U'П', "P"},
      {U'Р', "R"},
      {U'С', "S"},
      {U'Т', "T"},
      {U'Ћ', "C"},
      {U'Ќ', "K"},
      {U'У', "U"},
      {U'Ў', "U"},
      {U'Ф', "F"},
      {U'Х', "KH"},
      {U'Ц', "TS"},
      {U'Ч', "CH"},
      {U'Џ', "DZ"},
      {U'Ш', "SH"},
      {U'Щ', "SHCH"},
      {U'Ъ', "IE"},
      {U'Ы', "Y"},
      {U'Ь', ""},
      {U'Э', "E"},
      {U'Ю', "IU"},
      {U'Я', "IA"},
      // Greek (ELOT 743, as used in Greek travel documents); digraphs are handled separately.
      {U'Α', "A"},
      {U'Β', "V"},
      {U'Γ', "G"},
      {U'Δ', "D"},
      {U'Ε', "E"},
      {U'Ζ', "Z"},
      {U'Η', "I"},
      {U'Θ', "TH"},
      {U'Ι', "I"},
      {U'Κ', "K"},
      {U'Λ', "L"},
      {U'Μ', "M"},
      {U'Ν', "N"},
      {U'Ξ', "X"},
      {U'Ο', "O"},
      {U'Π', "P"},
      {U'Ρ', "R"},
      {U'Σ', "S"},
      {U'Τ', "T"},
      {U'Υ', "Y"},
      {U'Φ', "F"},
      {U'Χ', "CH"},
      {U'Ψ', "PS"},
      {U'Ω', "O"},
      // Table C: Arabic.
      {U'ء', "XE"},
      {U'آ', "XAA"},
      {U'أ', "XAE"},
      {U'ؤ', "U"},
      {U'إ', "I"},
      {U'ئ', "XI"},
      {U'ا', "A"},
      {U'ب', "B"},
      {U'ة', "XTA"},
      {U'ت', "T"},
      {U'ث', "XTH"},
      {U'ج', "J"},
      {U'ح', "XH"},
      {U'خ', "XKH"},
      {U'د', "D"},
      {U'ذ', "XDH"},
      {U'ر', "R"},
      {U'ز', "Z"},
      {U'س', "S"},
      {U'ش', "XSH"},
      {U'ص', "XSS"},
      {U'ض', "XDZ"},
      {U'ط', "XTT"},
      {U'ظ', "XZZ"},
      {U'ع', "E"},
      {U'غ', "XGH"},
      {U'ف', "F"},
      {U'ق', "Q"},
      {U'ك', "K"},
      {U'ل', "L"},
      {U'م', "M"},
      {U'ن', "N"},
      {U'ه', "H"},
      {U'و', "W"},
      {U'ى', "XAY"},
      {U'ي', "Y"},
      {U'پ', "P"},
      {U'چ', "XCH"},
      {U'ژ', "XZH"},
      {U'گ', "G"},
      {U'ک', "K"},
      {U'ی', "Y"},
  };
  return table;
}

// Greek pairs whose reading differs from the letters one by one (ELOT 743).
std::string_view GreekPair(char32_t first, char32_t second) {
  if (first == U'Ο' && second == U'Υ') return "OU";
  if (first == U'Α' && second == U'Υ') return "AV";
  if (first == U'Ε' && second == U'Υ') return "EV";
  if (first == U'Γ' && second == U'Γ') return "NG";
  if (first == U'Γ' && second == U'Ξ') return "NX";
  if (first == U'Γ' && second == U'Χ') return "NCH";
  return {};
}

bool IsAsciiLetter(char32_t c) { return c >= U'A' && c <= U'Z'; }

// Upper-cases and reduces a code point to what the tables know: the code point itself when
// listed, else its base letter without marks. Returns 0 for a bare combining mark. A code point
// the tables cannot use is returned unchanged for ICU (upper-casing some scripts, e.g. Georgian
// Mtavruli, hides them from ICU's transliterators).
char32_t BaseOf(char32_t c) {
  const auto known = [](char32_t x) { return x < 0x80 || DocTable().count(x) != 0; };
  const char32_t upper = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
  if (known(upper)) return upper;
  if (u_getCombiningClass(static_cast<UChar32>(c)) != 0 || (c >= 0x064B && c <= 0x0652)) {
    return 0;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  if (U_SUCCESS(status) && nfd->getDecomposition(static_cast<UChar32>(upper), decomposition)) {
    const char32_t base = static_cast<char32_t>(decomposition.char32At(0));
    if (known(base)) return base;
  }
  return c;
}

std::string IcuFallback(const std::u32string& run) {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Upper", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) created.reset();
    return created;
  }();
  if (!transliterator) return {};
  icu::UnicodeString text;
  for (char32_t c : run) text.append(static_cast<UChar32>(c));
  transliterator->transliterate(text);
  std::string utf8;
  text.toUTF8String(utf8);
  std::string out;
  for (char c : utf8) {
    if (c >= 'A' && c <= 'Z') out.push_back(c);
    if (c == ' ' || c == '-') out.push_back('<');
  }
  return out;
}

std::u32string DecodeToBases(std::string_view utf8) {
  std::u32string bases;
  int32_t offset = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  while (offset < length) {
    UChar32 c;
    U8_NEXT(bytes, offset, length, c);
    if (c < 0) continue;
    const char32_t base = BaseOf(static_cast<char32_t>(c));
    if (base != 0) bases.push_back(base);
  }
  return bases;
}

void AppendSeparator(std::string* out) {
  if (!out->empty() && out->back() != '<') out->push_back('<');
}

}  // namespace

std::string TransliterateToMrz(std::string_view utf8_name) {
  const std::u32string bases = DecodeToBases(utf8_name);
  std::string out;
  std::u32string unknown;
  auto flush_unknown = [&] {
    if (!unknown.empty()) out += IcuFallback(unknown);
    unknown.clear();
  };
  for (size_t index = 0; index < bases.size(); ++index) {
    const char32_t c = bases[index];
    if (IsAsciiLetter(c)) {
      flush_unknown();
      out.push_back(static_cast<char>(c));
    } else if (c == U' ' || c == U'-' || c == U'<' || c == U'\u2010' || c == U'\u2011') {
      flush_unknown();
      AppendSeparator(&out);
    } else if (c < 0x80 || c == U'\u2019' || c == U'\u02BC' || c == U'\u2018') {
      flush_unknown();  // Apostrophes, digits and other punctuation are omitted.
    } else if (index + 1 < bases.size() && !GreekPair(c, bases[index + 1]).empty()) {
      flush_unknown();
      out += GreekPair(c, bases[index + 1]);
      ++index;
    } else if (auto found = DocTable().find(c); found != DocTable().end()) {
      flush_unknown();
      out += found->second;
    } else {
      unknown.push_back(c);
    }
  }
  flush_unknown();
  while (!out.empty() && out.back() == '<') out.pop_back();
  while (!out.empty() && out.front() == '<') out.erase(out.begin());
  return out;
}

std::string MrzToCyrillic(std::string_view mrz_words) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kReverse = {
      {"SHCH", "Щ"}, {"ZH", "Ж"}, {"KH", "Х"}, {"TS", "Ц"}, {"CH", "Ч"}, {"SH", "Ш"},
      {"IU", "Ю"},   {"IA", "Я"}, {"A", "А"},  {"B", "Б"},  {"V", "В"},  {"G", "Г"},
      {"D", "Д"},    {"E", "Е"},  {"Z", "З"},  {"I", "И"},  {"J", "Й"},  {"K", "К"},
      {"L", "Л"},    {"M", "М"},  {"N", "Н"},  {"O", "О"},  {"P", "П"},  {"R", "Р"},
      {"S", "С"},    {"T", "Т"},  {"U", "У"},  {"F", "Ф"},  {"Y", "Ы"},  {"C", "Ц"},
  };
  std::string out;
  size_t index = 0;
  while (index < mrz_words.size()) {
    const char c = mrz_words[index];
    if (c == '<' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      ++index;
      continue;
    }
    bool matched = false;
    for (const auto& [latin, cyrillic] : kReverse) {
      if (mrz_words.substr(index, latin.size()) == latin) {
        out += cyrillic;
        index += latin.size();
        matched = true;
        break;
      }
    }
    if (!matched) {
      out.push_back(c);  // Letters with no Cyrillic reading (Q, W, X) and digits stay as they are.
      ++index;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace limen::core::document
