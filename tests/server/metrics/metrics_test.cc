// The metrics registry and its Prometheus text rendering.
#include "server/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>

namespace limen::server::metrics {
namespace {

TEST(MetricsTest, RendersCountersWithHelpTypeAndLabels) {
  Registry registry;
  auto& requests = registry.AddCounter("limen_test_total", "Things done.", {"kind", "code"});
  requests.WithLabels({"a", "200"}).Increment();
  requests.WithLabels({"a", "200"}).Increment(2);
  requests.WithLabels({"b", "500"}).Increment();
  requests.WithLabels({"b", "500"}).Increment(-5);  // Ignored: counters only go up.
  EXPECT_EQ(registry.RenderPrometheus(),
            "# HELP limen_test_total Things done.\n"
            "# TYPE limen_test_total counter\n"
            "limen_test_total{kind=\"a\",code=\"200\"} 3\n"
            "limen_test_total{kind=\"b\",code=\"500\"} 1\n");
}

TEST(MetricsTest, EscapesLabelValuesAndHelp) {
  Registry registry;
  registry.AddGauge("limen_g", "Line one\nback\\slash", {"path"})
      .WithLabels({"a\"b\\c\nd"})
      .Set(1.5);
  EXPECT_EQ(registry.RenderPrometheus(),
            "# HELP limen_g Line one\\nback\\\\slash\n"
            "# TYPE limen_g gauge\n"
            "limen_g{path=\"a\\\"b\\\\c\\nd\"} 1.5\n");
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithInf) {
  Registry registry;
  auto& latency =
      registry.AddHistogram("limen_latency_seconds", "Latency.", {0.5, 0.1, 1.0}, {"route"});
  Histogram& child = latency.WithLabels({"/x"});
  for (double value : {0.05, 0.1, 0.3, 0.7, 5.0}) child.Observe(value);
  EXPECT_EQ(registry.RenderPrometheus(),
            "# HELP limen_latency_seconds Latency.\n"
            "# TYPE limen_latency_seconds histogram\n"
            "limen_latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
            "limen_latency_seconds_bucket{route=\"/x\",le=\"0.5\"} 3\n"
            "limen_latency_seconds_bucket{route=\"/x\",le=\"1\"} 4\n"
            "limen_latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 5\n"
            "limen_latency_seconds_sum{route=\"/x\"} 6.15\n"
            "limen_latency_seconds_count{route=\"/x\"} 5\n");
}

TEST(MetricsTest, UnlabelledHistogramUsesOnlyLe) {
  Registry registry;
  registry.AddHistogram("limen_h", "H.", {1}).WithLabels({}).Observe(2);
  std::string text = registry.RenderPrometheus();
  EXPECT_NE(text.find("limen_h_bucket{le=\"1\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("limen_h_bucket{le=\"+Inf\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("limen_h_count 1\n"), std::string::npos);
}

TEST(MetricsTest, CallbackGaugesAreReadAtRenderTime) {
  Registry registry;
  double length = 10;
  registry.AddCallbackGauge("limen_event_log_length", "Events in the log.", [&] { return length; });
  registry.AddCallbackGaugeFamily("limen_db_commit_last_seconds", "Last commit time.", {"db"}, [] {
    return std::vector<Sample>{{{"main"}, 0.25}};
  });
  length = 42;
  std::string text = registry.RenderPrometheus();
  EXPECT_NE(text.find("limen_event_log_length 42\n"), std::string::npos) << text;
  EXPECT_NE(text.find("limen_db_commit_last_seconds{db=\"main\"} 0.25\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE limen_event_log_length gauge\n"), std::string::npos);
}

TEST(MetricsTest, AddingTheSameNameReturnsTheSameFamily) {
  Registry registry;
  auto& first = registry.AddCounter("limen_c", "C.", {"a"});
  auto& second = registry.AddCounter("limen_c", "Other help.", {"a"});
  EXPECT_EQ(&first, &second);
  EXPECT_EQ(&first.WithLabels({"x"}), &second.WithLabels({"x"}));
}

TEST(MetricsTest, FamiliesRenderInNameOrder) {
  Registry registry;
  registry.AddGauge("limen_b", "B.").WithLabels({}).Set(1);
  registry.AddGauge("limen_a", "A.").WithLabels({}).Set(2);
  std::string text = registry.RenderPrometheus();
  EXPECT_LT(text.find("limen_a"), text.find("limen_b"));
}

TEST(MetricsTest, FormatsSpecialValues) {
  EXPECT_EQ(FormatValue(3), "3");
  EXPECT_EQ(FormatValue(-2), "-2");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
  EXPECT_TRUE(IsValidMetricName("limen_http:x_1"));
  EXPECT_FALSE(IsValidMetricName("1abc"));
  EXPECT_FALSE(IsValidMetricName("a-b"));
  EXPECT_FALSE(IsValidMetricName(""));
}

TEST(MetricsTest, ConcurrentRecordingLosesNothing) {
  Registry registry;
  auto& counter = registry.AddCounter("limen_n", "N.", {"t"});
  auto& histogram = registry.AddHistogram("limen_h", "H.", {0.5});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10000; ++i) {
        counter.WithLabels({std::to_string(i % 3)}).Increment();
        histogram.WithLabels({}).Observe(t % 2 == 0 ? 0.1 : 1.0);
        if (i % 1000 == 0) (void)registry.RenderPrometheus();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  double total = 0;
  for (const char* label : {"0", "1", "2"}) total += counter.WithLabels({label}).Value();
  EXPECT_EQ(total, 40000);
  Histogram::Snapshot snapshot = histogram.WithLabels({}).Read();
  EXPECT_EQ(snapshot.count, 40000u);
  EXPECT_EQ(snapshot.cumulative[0], 20000u);
}

}  // namespace
}  // namespace limen::server::metrics
