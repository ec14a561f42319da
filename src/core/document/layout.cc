// Field positions of each layout, from ICAO Doc 9303 Parts 4 (TD3), 5 (TD1), 6 (TD2) and 7
// (visas), and the French national identity card issued from 1988 to 2021.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/document/internal/layout.h"

namespace limen::core::document::internal {
namespace {

constexpr Segment kNone{};

// Line 1 of TD3 and MRV-A, line 2 shared by TD3, TD2 and the visas up to the expiry check digit.
Layout TwoLineLayout(DocumentFormat format, int length) {
  Layout layout{};
  layout.format = format;
  layout.line_count = 2;
  layout.line_length = length;
  layout.code = {0, 0, 2};
  layout.issuer = {0, 2, 3};
  layout.name = {0, 5, length - 5};
  layout.number = {1, 0, 9};
  layout.number_check = {1, 9, 1};
  layout.nationality = {1, 10, 3};
  layout.birth = {1, 13, 6};
  layout.birth_check = {1, 19, 1};
  layout.sex = {1, 20, 1};
  layout.expiry = {1, 21, 6};
  layout.expiry_check = {1, 27, 1};
  return layout;
}

Layout MakeTd3() {
  Layout layout = TwoLineLayout(DocumentFormat::kTd3, 44);
  layout.optional1 = {1, 28, 14};
  layout.optional1_check = {1, 42, 1};
  layout.composite = {1, 43, 1};
  layout.composite_covers = {Segment{1, 0, 10}, Segment{1, 13, 7}, Segment{1, 21, 22}, kNone};
  return layout;
}

Layout MakeTd2() {
  Layout layout = TwoLineLayout(DocumentFormat::kTd2, 36);
  layout.optional1 = {1, 28, 7};
  layout.composite = {1, 35, 1};
  layout.composite_covers = {Segment{1, 0, 10}, Segment{1, 13, 7}, Segment{1, 21, 14}, kNone};
  layout.long_number_allowed = true;
  return layout;
}

Layout MakeMrvA() {
  Layout layout = TwoLineLayout(DocumentFormat::kMrvA, 44);
  layout.optional1 = {1, 28, 16};
  return layout;
}

Layout MakeMrvB() {
  Layout layout = TwoLineLayout(DocumentFormat::kMrvB, 36);
  layout.optional1 = {1, 28, 8};
  return layout;
}

Layout MakeTd1() {
  Layout layout{};
  layout.format = DocumentFormat::kTd1;
  layout.line_count = 3;
  layout.line_length = 30;
  layout.code = {0, 0, 2};
  layout.issuer = {0, 2, 3};
  layout.number = {0, 5, 9};
  layout.number_check = {0, 14, 1};
  layout.optional1 = {0, 15, 15};
  layout.birth = {1, 0, 6};
  layout.birth_check = {1, 6, 1};
  layout.sex = {1, 7, 1};
  layout.expiry = {1, 8, 6};
  layout.expiry_check = {1, 14, 1};
  layout.nationality = {1, 15, 3};
  layout.optional2 = {1, 18, 11};
  layout.composite = {1, 29, 1};
  layout.composite_covers = {Segment{0, 5, 25}, Segment{1, 0, 7}, Segment{1, 8, 7},
                             Segment{1, 18, 11}};
  layout.name = {2, 0, 30};
  layout.long_number_allowed = true;
  return layout;
}

// French identity card (carte nationale d'identite, 1988-2021): line 1 is "IDFRA", the surname
// (25) and the administrative code of the issuing office (6); line 2 is the card number (12:
// year and month of issue, department, office, serial), its check digit, the given names (14),
// the birth date and its check digit, the sex and a check digit over both lines.
Layout MakeFrenchId() {
  Layout layout{};
  layout.format = DocumentFormat::kFrenchId;
  layout.line_count = 2;
  layout.line_length = 36;
  layout.code = {0, 0, 2};
  layout.issuer = {0, 2, 3};
  layout.name = {0, 5, 25};
  layout.administrative_code = {0, 30, 6};
  layout.number = {1, 0, 12};
  layout.number_check = {1, 12, 1};
  layout.given_names = {1, 13, 14};
  layout.birth = {1, 27, 6};
  layout.birth_check = {1, 33, 1};
  layout.sex = {1, 34, 1};
  layout.composite = {1, 35, 1};
  layout.composite_covers = {Segment{0, 0, 36}, Segment{1, 0, 35}, kNone, kNone};
  return layout;
}

CharClass ComputeClass(const Layout& layout, int line, int column) {
  for (const Segment* segment :
       {&layout.birth, &layout.birth_check, &layout.expiry, &layout.expiry_check,
        &layout.number_check, &layout.optional1_check, &layout.composite}) {
    if (segment->Contains(line, column)) return CharClass::kDigit;
  }
  for (const Segment* segment :
       {&layout.number, &layout.optional1, &layout.optional2, &layout.administrative_code}) {
    if (segment->Contains(line, column)) return CharClass::kAlphanumeric;
  }
  return CharClass::kLetter;
}

// The weights of a check digit over the concatenation of `parts`; widens the layout's span of
// weighted blocks to cover them.
void AddWeights(std::initializer_list<Segment> parts, WeightedCheck* check, Layout* layout) {
  static constexpr uint16_t kWeights[3] = {7, 3, 1};
  check->weights.fill(0);
  int phase = 0;
  for (const Segment& part : parts) {
    for (int offset = 0; offset < part.length; ++offset) {
      const int flat = part.line * layout->line_length + part.column + offset;
      check->weights[WeightedCheck::IndexOf(flat)] = kWeights[phase];
      phase = phase == 2 ? 0 : phase + 1;
      const int block = flat / WeightedCheck::kBlockSize;
      layout->weighted_first_block = std::min(layout->weighted_first_block, block);
      layout->weighted_end_block = std::max(layout->weighted_end_block, block + 1);
    }
  }
}

void AddWeightedChecks(Layout* layout) {
  auto& checks = layout->weighted_checks;
  layout->weighted_first_block = MrzLines::kPaddedCharacters / WeightedCheck::kBlockSize;
  layout->weighted_end_block = 0;
  AddWeights({layout->number}, &checks[kNumberCheck], layout);
  AddWeights({layout->birth}, &checks[kBirthCheck], layout);
  AddWeights({layout->expiry}, &checks[kExpiryCheck], layout);
  AddWeights({layout->optional1_check.present() ? layout->optional1 : kNone},
             &checks[kOptionalCheck], layout);
  const auto& covers = layout->composite_covers;
  AddWeights({covers[0], covers[1], covers[2], covers[3]}, &checks[kCompositeCheck], layout);
}

// Fills the lists of digit and alphanumeric positions and the check digit weights.
Layout WithClasses(Layout layout) {
  AddWeightedChecks(&layout);
  for (int line = 0; line < layout.line_count; ++line) {
    for (int column = 0; column < layout.line_length; ++column) {
      const CharClass value = ComputeClass(layout, line, column);
      const Layout::Cell cell{static_cast<int8_t>(line), static_cast<int8_t>(column)};
      if (value == CharClass::kDigit) layout.digit_cells[layout.digit_cell_count++] = cell;
      if (value == CharClass::kAlphanumeric) {
        layout.alphanumeric_cells[layout.alphanumeric_cell_count++] = cell;
      }
    }
  }
  return layout;
}

const Layout kTd1 = WithClasses(MakeTd1());
const Layout kTd2 = WithClasses(MakeTd2());
const Layout kTd3 = WithClasses(MakeTd3());
const Layout kMrvA = WithClasses(MakeMrvA());
const Layout kMrvB = WithClasses(MakeMrvB());
const Layout kFrenchId = WithClasses(MakeFrenchId());

}  // namespace

const Layout& LayoutFor(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kTd1:
      return kTd1;
    case DocumentFormat::kTd2:
      return kTd2;
    case DocumentFormat::kTd3:
      return kTd3;
    case DocumentFormat::kMrvA:
      return kMrvA;
    case DocumentFormat::kMrvB:
      return kMrvB;
    case DocumentFormat::kFrenchId:
      return kFrenchId;
  }
  return kTd3;
}

const Layout& DetectLayout(const MrzLines& lines) {
  const char first = lines.at(0, 0);
  if (lines.count() == 3) return kTd1;
  if (lines.length() == 44) return first == 'V' ? kMrvA : kTd3;
  if (first == 'V') return kMrvB;
  if (lines.line(0).substr(0, 5) == "IDFRA") return kFrenchId;
  return kTd2;
}

std::string_view Slice(const std::vector<std::string>& lines, const Segment& segment) {
  return std::string_view(lines[segment.line]).substr(segment.column, segment.length);
}

LongNumber FindLongNumber(const Layout& layout, const MrzLines& lines) {
  LongNumber result;
  if (!layout.long_number_allowed || Slice(lines, layout.number_check)[0] != '<') return result;
  const std::string_view optional = Slice(lines, layout.optional1);
  // An empty number with empty optional data is simply an absent number, not a long one.
  if (optional.empty() || optional[0] == '<') {
    result.present = Slice(lines, layout.number).find_first_not_of('<') != std::string_view::npos;
    result.malformed = result.present;
    return result;
  }
  result.present = true;
  size_t run = optional.find('<');
  if (run == std::string_view::npos) run = optional.size();
  if (run < 2) {
    result.malformed = true;
    return result;
  }
  const int length = static_cast<int>(run);
  result.extension = {layout.optional1.line, layout.optional1.column, length - 1};
  result.check = {layout.optional1.line, layout.optional1.column + length - 1, 1};
  result.rest = {layout.optional1.line, layout.optional1.column + length,
                 layout.optional1.length - length};
  return result;
}

}  // namespace limen::core::document::internal
