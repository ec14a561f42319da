// A small metrics registry that renders the Prometheus text exposition format (version 0.0.4).
//
// A Registry holds metric families by name: counters, gauges and histograms, each with a fixed
// list of label names, plus callback gauges whose value is read when the registry is rendered
// (e.g. the event-log length). A family hands out one child per label-value tuple; the child's
// address is stable for the registry's lifetime, so hot paths may look it up once and keep it.
//
// Thread-safety: everything here is thread-safe. Recording on a child (Increment, Set, Observe)
// is lock-free (atomics). WithLabels takes a per-family reader lock, and a writer lock only the
// first time a label tuple is seen. Rendering takes the same reader locks and calls callbacks on
// the rendering thread; callbacks must be thread-safe and must not call back into the registry.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace limen::server::metrics {

// A monotonically increasing value.
class Counter {
 public:
  // REQUIRES: amount >= 0 (negative amounts are ignored).
  void Increment(double amount = 1.0);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// A value that goes up and down.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Observations counted into fixed buckets (upper bounds, ascending; +Inf is implicit).
class Histogram {
 public:
  explicit Histogram(const std::vector<double>* bounds);
  void Observe(double value);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // One per bound, then +Inf.
    double sum = 0.0;
    uint64_t count = 0;
  };
  Snapshot Read() const;

 private:
  const std::vector<double>* bounds_;                 // Owned by the family.
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // Non-cumulative; last one is +Inf.
  std::atomic<double> sum_{0.0};
  std::atomic<uint64_t> count_{0};
};

// Default latency buckets in seconds: 1 ms .. 10 s.
std::vector<double> DefaultLatencyBuckets();

enum class MetricType { kCounter, kGauge, kHistogram };

// Common part of a family: name, help, label names and the render hook.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, std::vector<std::string> label_names)
      : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}
  virtual ~FamilyBase() = default;
  virtual MetricType type() const = 0;
  virtual void Render(std::string& out) const = 0;
  const std::string& name() const { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

 protected:
  void RenderHeader(std::string& out) const;
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
};

// A family of children of type T keyed by label values.
template <typename T>
class Family : public FamilyBase {
 public:
  using FamilyBase::FamilyBase;
  // Returns the child for these label values, creating it on first use. Values are given in
  // the order of the family's label names; missing values are empty, extra values are ignored.
  T& WithLabels(std::initializer_list<std::string_view> values);
  T& WithLabels(const std::vector<std::string>& values);

 protected:
  virtual std::unique_ptr<T> MakeChild() const = 0;
  std::vector<std::string> Normalise(std::vector<std::string> values) const;
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_;
};

class CounterFamily final : public Family<Counter> {
 public:
  using Family::Family;
  MetricType type() const override { return MetricType::kCounter; }
  void Render(std::string& out) const override;

 private:
  std::unique_ptr<Counter> MakeChild() const override { return std::make_unique<Counter>(); }
};

class GaugeFamily final : public Family<Gauge> {
 public:
  using Family::Family;
  MetricType type() const override { return MetricType::kGauge; }
  void Render(std::string& out) const override;

 private:
  std::unique_ptr<Gauge> MakeChild() const override { return std::make_unique<Gauge>(); }
};

class HistogramFamily final : public Family<Histogram> {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  MetricType type() const override { return MetricType::kHistogram; }
  void Render(std::string& out) const override;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::unique_ptr<Histogram> MakeChild() const override;
  std::vector<double> bounds_;
};

// One labelled value produced by a callback family.
struct Sample {
  std::vector<std::string> label_values;
  double value = 0.0;
};

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Each Add* returns the family with this name, creating it on first call. Adding a name again
  // with the same type returns the existing family (its help and labels are kept). Adding a name
  // that exists with another type, or a name that is not a valid Prometheus metric name, is a
  // programming error and aborts.
  CounterFamily& AddCounter(std::string name, std::string help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(std::string name, std::string help,
                        std::vector<std::string> label_names = {});
  // `bounds` are bucket upper bounds; they are sorted and de-duplicated.
  HistogramFamily& AddHistogram(std::string name, std::string help, std::vector<double> bounds,
                                std::vector<std::string> label_names = {});

  // A gauge whose value is read by calling `read` at render time. Replaces an earlier callback
  // of the same name.
  void AddCallbackGauge(std::string name, std::string help, std::function<double()> read);
  // A labelled gauge family whose samples are produced by `read` at render time.
  void AddCallbackGaugeFamily(std::string name, std::string help,
                              std::vector<std::string> label_names,
                              std::function<std::vector<Sample>()> read);

  // All families in name order, in the Prometheus text format.
  std::string RenderPrometheus() const;

 private:
  template <typename F, typename... Args>
  F& AddFamily(MetricType type, std::string name, Args&&... args);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<FamilyBase>> families_;
};

// Text helpers, exposed for tests.
// Escapes a label value: backslash, double quote and newline.
std::string EscapeLabelValue(std::string_view value);
// Formats a sample value: integers without a fraction, "+Inf", "-Inf", "NaN".
std::string FormatValue(double value);
// True for [a-zA-Z_:][a-zA-Z0-9_:]*.
bool IsValidMetricName(std::string_view name);

}  // namespace limen::server::metrics
