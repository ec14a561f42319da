#include "core/document/names.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/strings.h"
#include "core/document/internal/layout.h"

namespace limen::core::document {
namespace {

TEST(Transliteration, Table) {
  std::ifstream file(std::string(LIMEN_SOURCE_DIR) + "/tests/data/mrz/transliteration.txt");
  ASSERT_TRUE(file.is_open());
  std::string line;
  int cases = 0;
  while (std::getline(file, line)) {
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    const auto parts = Split(line, '|');
    ASSERT_EQ(parts.size(), 2u) << line;
    EXPECT_EQ(TransliterateToMrz(Trim(parts[0])), Trim(parts[1])) << line;
    ++cases;
  }
  EXPECT_GE(cases, 30);
}

TEST(Transliteration, DropsWhatHasNoMrzForm) {
  EXPECT_EQ(TransliterateToMrz("\xff\xfe Anna 123 \xc3"), "ANNA");
  EXPECT_EQ(TransliterateToMrz(""), "");
  EXPECT_EQ(TransliterateToMrz("--  --"), "");
}

TEST(Transliteration, IcuCoversOtherScripts) {
  // Armenian and Georgian are not in the Doc 9303 tables; ICU still yields A-Z only.
  for (const char* name : {"Արամ", "გიორგი", "王小明"}) {
    const std::string mrz = TransliterateToMrz(name);
    EXPECT_FALSE(mrz.empty()) << name;
    EXPECT_EQ(mrz.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ<"), std::string::npos) << mrz;
  }
}

TEST(Transliteration, ThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&results, i] {
      for (int round = 0; round < 50; ++round) results[i] = TransliterateToMrz("Արամ Щукин");
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, results[0]);
}

TEST(MrzName, ParsesIdentifiersAndTruncation) {
  Names names = ParseMrzName("ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  EXPECT_EQ(names.primary, "ERIKSSON");
  EXPECT_EQ(names.secondary, "ANNA MARIA");
  EXPECT_FALSE(names.truncated);
  names = ParseMrzName("MONTGOMERY<WORTHINGTON<<ALEXAN");
  EXPECT_EQ(names.primary, "MONTGOMERY WORTHINGTON");
  EXPECT_EQ(names.secondary, "ALEXAN");
  EXPECT_TRUE(names.truncated);
  names = ParseMrzName("MADONNA<<<<<<<");
  EXPECT_EQ(names.primary, "MADONNA");
  EXPECT_EQ(names.secondary, "");
}

// The word-at-a-time reading of name fields that ParseMrz uses gives what ParseMrzName gives,
// for random fields of every length up to a TD3 name's 39 characters.
TEST(MrzName, FieldReadingAgreesWithParseMrzName) {
  std::mt19937 random(20261202);
  constexpr std::string_view kCharacters = "<<<<AB1";
  int read = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t size = 1 + random() % 39;
    std::string field(size, '<');
    for (char& c : field) c = kCharacters[random() % kCharacters.size()];
    std::string padded = field + std::string(64, 'Z');  // Readable bytes past the field.
    Names fast;
    FieldText value;
    if (!internal::ReadNameField(std::string_view(padded.data(), size), &fast, &value)) continue;
    ++read;
    const Names want = ParseMrzName(field);
    ASSERT_EQ(fast.primary, want.primary) << field;
    ASSERT_EQ(fast.secondary, want.secondary) << field;
    ASSERT_EQ(fast.truncated, want.truncated) << field;
    const std::string want_value =
        want.secondary.empty() ? want.primary : want.primary + ", " + want.secondary;
    ASSERT_EQ(value.view(), want_value) << field;
  }
  EXPECT_GT(read, 5000);  // Many fields are read without falling back to ParseMrzName.
}

TEST(MrzName, FormatsAndCuts) {
  bool truncated = true;
  EXPECT_EQ(FormatMrzName("Eriksson", "Anna María", 30, &truncated),
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  EXPECT_FALSE(truncated);
  EXPECT_EQ(FormatMrzName("Montgomery-Worthington", "Alexandra", 30, &truncated),
            "MONTGOMERY<WORTHINGTON<<ALEXAN");
  EXPECT_TRUE(truncated);
}

TEST(MrzName, DisplayAndCyrillicReadings) {
  EXPECT_EQ(MrzNameToDisplay("ANNA<MARIA"), "Anna Maria");
  EXPECT_EQ(MrzNameToDisplay("DE<BRUIJN"), "De Bruijn");
  EXPECT_EQ(MrzToCyrillic("SHCHUKIN"), "ЩУКИН");
  EXPECT_EQ(MrzToCyrillic("ZHUKOV<IURII"), "ЖУКОВ ЮРИИ");
  EXPECT_EQ(MrzToCyrillic("KHRUSHCHEV"), "ХРУЩЕВ");
}

}  // namespace
}  // namespace limen::core::document
