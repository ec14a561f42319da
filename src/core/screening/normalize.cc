#include "core/screening/normalize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace limen::core::screening {
namespace {

// ICAO Doc 9303 Part 3 transliteration of Cyrillic (Russian, Ukrainian, Belarusian, Serbian,
// Macedonian letters), indexed by code point - 0x400.
const char* CyrillicLatin(char32_t cp) {
  static const char* const kUpper[] = {
      "IE", "E", "D", "G", "IE", "DZ", "I",  "I",  "J",  "LJ",   "NJ", "C", "K", "I", "U",  "DZ",
      "A",  "B", "V", "G", "D",  "E",  "ZH", "Z",  "I",  "I",    "K",  "L", "M", "N", "O",  "P",
      "R",  "S", "T", "U", "F",  "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "",  "E", "IU", "IA"};
  if (cp >= 0x400 && cp < 0x430) return kUpper[cp - 0x400];
  if (cp >= 0x430 && cp < 0x450) return kUpper[cp - 0x430 + 0x10];
  if (cp >= 0x450 && cp < 0x460) return kUpper[cp - 0x450];
  if (cp == 0x490 || cp == 0x491) return "G";  // Ukrainian GHE WITH UPTURN.
  if (cp == 0x40E || cp == 0x45E) return "U";  // Belarusian SHORT U.
  return nullptr;
}

// A readable romanisation of Arabic and Persian letters: short vowels are not written in
// Arabic, so the matcher bridges the gap with the consonant skeleton.
const char* ArabicLatin(char32_t cp, bool word_start) {
  switch (cp) {
    case 0x627:
    case 0x623:
    case 0x622:
    case 0x671:
      return "A";
    case 0x625:
      return "I";
    case 0x621:
    case 0x624:
    case 0x626:
      return "";
    case 0x628:
      return "B";
    case 0x62A:
      return "T";
    case 0x629:
      return "A";
    case 0x62B:
      return "TH";
    case 0x62C:
      return "J";
    case 0x62D:
      return "H";
    case 0x62E:
      return "KH";
    case 0x62F:
      return "D";
    case 0x630:
      return "DH";
    case 0x631:
      return "R";
    case 0x632:
      return "Z";
    case 0x633:
      return "S";
    case 0x634:
      return "SH";
    case 0x635:
      return "S";
    case 0x636:
      return "D";
    case 0x637:
      return "T";
    case 0x638:
      return "Z";
    case 0x639:
      return word_start ? "A" : "";
    case 0x63A:
      return "GH";
    case 0x641:
      return "F";
    case 0x642:
      return "Q";
    case 0x643:
    case 0x6A9:
      return "K";
    case 0x644:
      return "L";
    case 0x645:
      return "M";
    case 0x646:
      return "N";
    case 0x647:
    case 0x6C1:
      return "H";
    case 0x648:
      return word_start ? "W" : "U";
    case 0x64A:
    case 0x6CC:
      return word_start ? "Y" : "I";
    case 0x649:
      return "A";
    case 0x64E:
      return "A";
    case 0x64F:
      return "U";
    case 0x650:
      return "I";
    case 0x67E:
      return "P";
    case 0x686:
      return "CH";
    case 0x698:
      return "ZH";
    case 0x6AF:
      return "G";
    default:
      break;
  }
  if ((cp >= 0x610 && cp <= 0x61A) || (cp >= 0x64B && cp <= 0x65F) || cp == 0x640 || cp == 0x670 ||
      (cp >= 0x660 && cp <= 0x669)) {
    return "";  // Other diacritics, tatweel and Arabic-Indic digits.
  }
  return nullptr;
}

bool IsArabicLetter(char32_t cp) { return cp >= 0x600 && cp <= 0x6FF; }

// Decodes one UTF-8 code point; returns 0xFFFD and advances one byte on invalid input.
char32_t NextCodePoint(std::string_view text, size_t& pos) {
  unsigned char c = static_cast<unsigned char>(text[pos]);
  int length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 7);
  for (int i = 1; i < length; ++i) {
    unsigned char next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  pos += length;
  return cp;
}

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) created.reset();
    return created;
  }();
  return transliterator.get();
}

// First pass: ICAO tables for Cyrillic and Arabic, everything else kept for ICU.
icu::UnicodeString PreTransliterate(std::string_view utf8, NormalizedName& result,
                                    bool& needs_icu) {
  bool& non_latin = result.non_latin;
  icu::UnicodeString out;
  bool word_start = true;
  for (size_t pos = 0; pos < utf8.size();) {
    char32_t cp = NextCodePoint(utf8, pos);
    if (cp == 0xFFFD) continue;
    const char* latin = CyrillicLatin(cp);
    if ((cp >= 0x590 && cp <= 0x5FF) || IsArabicLetter(cp)) result.abjad = true;
    if (latin == nullptr && IsArabicLetter(cp)) {
      // The definite article AL- becomes its own token, as Latin lists write it.
      if (word_start && cp == 0x627 && pos + 1 < utf8.size()) {
        size_t peek = pos;
        if (NextCodePoint(utf8, peek) == 0x644 && peek < utf8.size()) {
          out.append(icu::UnicodeString("AL "));
          pos = peek;
          non_latin = true;
          continue;
        }
      }
      latin = ArabicLatin(cp, word_start);
    }
    if (latin != nullptr) {
      non_latin = true;
      out.append(icu::UnicodeString(latin));
      word_start = false;
      continue;
    }
    if (cp >= 0x80) {
      needs_icu = true;
      if (cp >= 0x250) non_latin = true;
    }
    word_start =
        !(cp >= 0x80 || (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
    out.append(static_cast<UChar32>(cp));
  }
  return out;
}

void Tokenize(const std::string& ascii, std::vector<std::string>& tokens) {
  std::string current;
  for (char c : ascii) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      current.push_back(c);
    } else if (c >= 'a' && c <= 'z') {
      current.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if (c == '\'' || c == '`') {
      continue;  // O'BRIEN -> OBRIEN.
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
}

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

}  // namespace

NormalizedName NormalizeName(std::string_view utf8) {
  NormalizedName result;
  bool needs_icu = false;
  icu::UnicodeString text = PreTransliterate(utf8, result, needs_icu);
  if (needs_icu) {
    if (icu::Transliterator* transliterator = ThreadTransliterator()) {
      transliterator->transliterate(text);
    }
  }
  std::string converted;
  text.toUTF8String(converted);
  // Any-Latin; Latin-ASCII can leave non-ASCII characters: they become separators.
  for (char& c : converted) {
    if (static_cast<unsigned char>(c) >= 0x80) c = ' ';
  }
  Tokenize(converted, result.tokens);
  return result;
}

std::string SkeletonKey(std::string_view token) {
  std::string folded;
  folded.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    char c = token[i];
    char next = i + 1 < token.size() ? token[i + 1] : '\0';
    if (c >= '0' && c <= '9') return "";  // Not a name word.
    if ((c == 'K' || c == 'C') && next == 'H') {
      folded.push_back('X');
      ++i;
      continue;
    }
    if ((c == 'S' || c == 'Z') && next == 'H') {
      folded.push_back(c == 'S' ? 'S' : 'J');
      ++i;
      continue;
    }
    if ((c == 'P' && next == 'H') || (c == 'T' && next == 'H') || (c == 'D' && next == 'H') ||
        (c == 'G' && next == 'H')) {
      folded.push_back(c == 'P' ? 'F' : c);
      ++i;
      continue;
    }
    if (c == 'T' && (next == 'S' || next == 'Z')) {
      folded.push_back('S');
      ++i;
      continue;
    }
    switch (c) {
      case 'Q':
      case 'C':
        folded.push_back('K');
        break;
      case 'Z':
        folded.push_back('S');
        break;
      case 'V':
        folded.push_back('F');
        break;
      case 'X':
        folded.append(i == 0 ? "S" : "KS");
        break;
      case 'W':
        if (i == 0) folded.push_back('F');
        break;
      case 'Y':
      case 'J':
        break;  // Semi-vowels: Arabic and Slavic spellings disagree.
      default:
        if (!IsVowel(c)) folded.push_back(c);
    }
  }
  std::string key;
  for (char c : folded) {
    if (key.empty() || key.back() != c) key.push_back(c);
  }
  return key;
}

bool IsParticle(std::string_view token) {
  static constexpr std::string_view kParticles[] = {
      "AL",    "EL",  "BIN", "BEN", "IBN",   "BINT",  "ABU", "ABOU", "ABO", "UM",  "UMM",
      "VAN",   "VON", "DER", "DEN", "DE",    "DA",    "DI",  "DO",   "DOS", "DAS", "DEL",
      "DELLA", "LA",  "LE",  "DU",  "OULD",  "AIT",   "BOU", "ET",   "AD",  "AR",  "AS",
      "ASH",   "AZ",  "UL",  "Y",   "BINTI", "BINTE", "BA",  "VAR"};
  return std::find(std::begin(kParticles), std::end(kParticles), token) != std::end(kParticles);
}

std::string_view GivenNameCanonical(std::string_view token) {
  static const auto* const kCanonical = [] {
    static constexpr std::string_view kGroups[] = {
        "MUHAMMAD MOHAMMED MOHAMMAD MUHAMMED MOHAMED MOHAMAD MUHAMAD MOHD MEHMET MAGOMED MAHOMED",
        "AHMAD AHMED AHMET AKHMED AKHMAD",
        "YUSUF YOUSEF YOUSSEF YUSSUF YOUSSOUF YUSIF",
        "ALEKSANDR ALEXANDER ALEKSANDER ALEXANDR OLEKSANDR ALIAKSANDR ALEXANDRE ALEKSANDAR",
        "SERGEI SERGEY SERGIY SERHIY SERHII SIARHEI SERGII SERGEJ SERGIJ",
        "DMITRY DMITRII DMITRIY DMYTRO DZMITRY DMITRIJ DMITRI",
        "YURI YURIY IURII JURIJ YURIJ YURY IOURI",
        "ANDREI ANDREY ANDRIY ANDRII ANDREJ ANDRZEJ ANDREW",
        "ALEKSEI ALEXEY ALEKSEY ALEXEI ALIAKSEI OLEKSII ALEKSEJ ALEXEJ",
        "EVGENY YEVGENY YEVGENIY EVGENII EVGENIY YEVHEN IEVGEN IEVGENII EVGENIJ",
        "MIKHAIL MYKHAILO MIHAIL MICHAEL MIKHAYLO MICHAIL",
        "NIKOLAI NIKOLAY MYKOLA MIKALAI NICOLAI NICHOLAS NIKOLAJ",
        "VLADIMIR VOLODYMYR ULADZIMIR WLADIMIR",
        "PAVEL PAVLO PAUL PAVAL",
        "PETR PETER PYOTR PETRO PIOTR PIOTRA",
        "GEORGY GEORGII GEORGIY GEORGIJ HEORHIY HEORHII GEORGE",
        "HUSSEIN HUSSAIN HUSAIN HUSEIN HOSSEIN HUSSIEN HUSAYN HUSSEN",
        "HASSAN HASAN HASSANE",
        "UMAR OMAR OMER",
        "USAMA OSAMA OUSSAMA",
        "ABDULLAH ABDALLAH ABDELLAH ABDULLA",
        "IBRAHIM EBRAHIM IBRAGIM",
        "MUSTAFA MOSTAFA MUSTAPHA",
        "MAHMOUD MAHMUD MAKHMUD",
        "KHALID KHALED",
        "SAID SAEED SAYED SAIED",
        "YAKOV IAKOV JAKOV YAKIV",
        "ILYA ILIA ILLIA ILJA",
        "VIKTOR VICTOR",
        "KONSTANTIN KOSTIANTYN KANSTANTSIN CONSTANTINE",
    };
    auto* map = new std::unordered_map<std::string_view, std::string_view>();
    for (std::string_view group : kGroups) {
      std::string_view canonical = group.substr(0, group.find(' '));
      size_t start = 0;
      while (start < group.size()) {
        size_t end = group.find(' ', start);
        if (end == std::string_view::npos) end = group.size();
        map->emplace(group.substr(start, end - start), canonical);
        start = end + 1;
      }
    }
    return map;
  }();
  auto it = kCanonical->find(token);
  return it == kCanonical->end() ? token : it->second;
}

}  // namespace limen::core::screening
