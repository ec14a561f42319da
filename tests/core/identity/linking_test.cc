// Runs tests/data/identity/link_cases.tsv against the travellers of known_travellers.tsv.
#include "core/identity/linking.h"

#include <gtest/gtest.h>

#include "../stay/table_reader.h"

namespace limen::core::identity {
namespace {

using limen::testing::TableRow;

Sex ParseSex(const std::string& text) {
  return text == "F" ? Sex::kFemale : text == "M" ? Sex::kMale : Sex::kUnspecified;
}

Biographics MakeBiographics(const TableRow& row, const std::string& nationalities) {
  Biographics biographics;
  biographics.surname_latin = row.at("surname");
  biographics.given_names_latin = row.at("given");
  biographics.date_of_birth = ParseDate(row.at("dob"));
  biographics.sex = ParseSex(row.at("sex"));
  for (std::string_view nationality : Split(nationalities, ',')) {
    biographics.nationalities.emplace_back(nationality);
  }
  return biographics;
}

std::vector<KnownTraveller> LoadKnown() {
  std::vector<KnownTraveller> known;
  for (const TableRow& row :
       limen::testing::ReadTable("tests/data/identity/known_travellers.tsv")) {
    if (known.empty() || known.back().traveller.id != row.at("traveller")) {
      known.emplace_back();
      known.back().traveller.id = row.at("traveller");
      known.back().traveller.biographics = MakeBiographics(row, row.at("nationalities"));
    }
    DocumentRecord document{row.at("document"),
                            row.at("state"),
                            row.at("number"),
                            "P",
                            MakeBiographics(row, row.at("nationalities")),
                            row.at("traveller")};
    known.back().traveller.document_ids.push_back(document.id);
    known.back().documents.push_back(std::move(document));
  }
  return known;
}

std::string Codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : ",") + code;
  return out.empty() ? "-" : out;
}

TEST(LinkingTest, EveryCaseMatches) {
  const std::vector<KnownTraveller> known = LoadKnown();
  ASSERT_EQ(known.size(), 5u);
  const LinkingRules rules;
  ASSERT_TRUE(ValidateLinkingRules(rules).ok());
  const auto rows = limen::testing::ReadTable("tests/data/identity/link_cases.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const TableRow& row : rows) {
    SCOPED_TRACE(row.at("name"));
    const PresentedDocument presented{row.at("state"), row.at("number"), "P",
                                      MakeBiographics(row, row.at("nationality"))};
    const LinkResult result = LinkTraveller(presented, known, rules);
    EXPECT_EQ(LinkKindName(result.kind), row.at("kind"));
    std::vector<std::string> candidates, reasons, impostor;
    for (const TravellerMatch& match : result.matches) candidates.push_back(match.traveller_id);
    if (!result.matches.empty()) {
      for (const LinkReason& reason : result.matches[0].reasons) {
        reasons.push_back(reason.code);
        EXPECT_FALSE(reason.message.empty());
      }
    }
    const LostReport lost =
        row.at("lost") == "yes" ? LostReport::kReportedLost : LostReport::kNotReported;
    for (const ImpostorIndicator& indicator : FindImpostorIndicators(presented, known, lost)) {
      impostor.push_back(indicator.code);
    }
    EXPECT_EQ(Codes(candidates), row.at("candidates"));
    EXPECT_EQ(Codes(reasons), row.at("reasons"));
    EXPECT_EQ(Codes(impostor), row.at("impostor"));
  }
}

TEST(LinkingTest, WeightsAndThresholdsAreConfigurable) {
  const std::vector<KnownTraveller> known = LoadKnown();
  Biographics biographics = known[0].traveller.biographics;
  const PresentedDocument presented{"UTO", "NEW123", "P", biographics};
  LinkingRules strict;
  strict.candidate_threshold = 0.95;
  EXPECT_EQ(LinkTraveller(presented, known, strict).kind, LinkKind::kNew);
  LinkingRules generous;
  generous.name_weight = 0.6;
  EXPECT_EQ(LinkTraveller(presented, known, generous).kind, LinkKind::kLinked);
  LinkingRules broken;
  broken.candidate_threshold = 2.0;
  EXPECT_EQ(ValidateLinkingRules(broken).reason(), "IDENTITY_RULES_INVALID");
}

TEST(LinkingTest, ShippedRulesFileMatchesTheDefaults) {
  auto rules = ParseLinkingRules(limen::testing::ReadFile("config/identity-linking.toml"));
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const LinkingRules defaults;
  EXPECT_EQ(rules->name_weight, defaults.name_weight);
  EXPECT_EQ(rules->date_of_birth_mismatch_weight, defaults.date_of_birth_mismatch_weight);
  EXPECT_EQ(rules->candidate_threshold, defaults.candidate_threshold);
  auto custom = ParseLinkingRules("[weights]\nsame_name = 0.6\n[thresholds]\ncandidate = 0.5\n");
  ASSERT_TRUE(custom.ok()) << custom.status().ToString();
  EXPECT_EQ(custom->name_weight, 0.6);
  EXPECT_EQ(custom->candidate_threshold, 0.5);
  EXPECT_EQ(custom->link_threshold, defaults.link_threshold);
  EXPECT_EQ(ParseLinkingRules("[weights\n").status().reason(), "IDENTITY_RULES_SYNTAX");
  EXPECT_EQ(ParseLinkingRules("[weights]\nsame_name = \"high\"\n").status().reason(),
            "IDENTITY_RULES_INVALID");
  EXPECT_EQ(ParseLinkingRules("[thresholds]\ncandidate = 2.0\n").status().reason(),
            "IDENTITY_RULES_INVALID");
}

TEST(LinkingTest, MergedTravellersAreNotMatched) {
  std::vector<KnownTraveller> known = LoadKnown();
  known[0].traveller.status = TravellerStatus::kMerged;
  const PresentedDocument presented{"UTO", "L898902C3", "P", known[0].traveller.biographics};
  const LinkResult result = LinkTraveller(presented, known, LinkingRules{});
  EXPECT_EQ(result.kind, LinkKind::kNew);
}

TEST(TravellerTest, NormalisesNames) {
  EXPECT_EQ(NormaliseName("  Maria-José  d'Souza "), "MARIA JOS D SOUZA");
  EXPECT_EQ(NormaliseName("ERIKSSON<<ANNA<MARIA"), "ERIKSSON ANNA MARIA");
  EXPECT_EQ(NormaliseName(""), "");
}

}  // namespace
}  // namespace limen::core::identity
