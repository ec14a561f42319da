#include "core/identity/traveller.h"

namespace limen::core::identity {

std::string_view SexName(Sex sex) {
  switch (sex) {
    case Sex::kFemale:
      return "F";
    case Sex::kMale:
      return "M";
    case Sex::kUnspecified:
      return "X";
  }
  return "X";
}

std::string NormaliseName(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string FullName(const Biographics& biographics) {
  std::string surname = NormaliseName(biographics.surname_latin);
  const std::string given = NormaliseName(biographics.given_names_latin);
  if (!given.empty()) surname += " / " + given;
  return surname;
}

bool SameIdentity(const Biographics& a, const Biographics& b) {
  return FullName(a) == FullName(b) && a.date_of_birth && b.date_of_birth &&
         *a.date_of_birth == *b.date_of_birth;
}

}  // namespace limen::core::identity
