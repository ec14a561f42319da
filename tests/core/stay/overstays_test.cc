#include "core/stay/overstays.h"

#include <gtest/gtest.h>

#include "stay_test_util.h"

namespace limen::core::stay {
namespace {

using testing::ParseCrossings;

TEST(OverstaysTest, ListsOnlyTravellersPresentBeyondTheirStay) {
  const StayLimit rolling{LimitKind::kRollingWindow, 90, 180, {}, {}};
  const std::vector<PresentTraveller> travellers = {
      {"left-on-time", ParseCrossings("E2024-01-01 X2024-03-01"), rolling},
      {"left-late", ParseCrossings("E2024-01-01 X2024-04-20"), rolling},  // Gone: not listed.
      {"present-ok", ParseCrossings("E2024-04-01"), rolling},
      {"present-over-rolling", ParseCrossings("E2024-01-01"), rolling},  // Day 90 = 2024-03-30.
      {"present-over-granted", ParseCrossings("E2024-04-01"), GrantedStayLimit({2024, 4, 10})},
      {"b-same-overstay", ParseCrossings("E2024-04-01"), GrantedStayLimit({2024, 4, 10})},
  };
  const auto overstayers = ListOverstays(travellers, {2024, 5, 1});
  ASSERT_EQ(overstayers.size(), 3u);
  EXPECT_EQ(overstayers[0].traveller_id, "present-over-rolling");
  EXPECT_EQ(overstayers[0].overstay_days, 32);
  EXPECT_EQ(overstayers[0].latest_lawful_exit, (CivilDate{2024, 3, 30}));
  EXPECT_EQ(overstayers[1].traveller_id, "b-same-overstay");
  EXPECT_EQ(overstayers[2].traveller_id, "present-over-granted");
  EXPECT_EQ(overstayers[2].overstay_days, 21);
  EXPECT_EQ(overstayers[2].entered_on, (CivilDate{2024, 4, 1}));
}

}  // namespace
}  // namespace limen::core::stay
