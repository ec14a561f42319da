#include "server/metrics/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/check.h"

namespace limen::server::metrics {
namespace {

// Escapes HELP text: backslash and newline.
std::string EscapeHelp(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

// Appends `{a="x",b="y"}` (nothing when there are no labels). `extra` adds one more pair, used
// for the histogram's `le`.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, std::string_view extra_name = {},
                  std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  bool first = true;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!first) out += ',';
    first = false;
    out += names[i];
    out += "=\"";
    out += EscapeLabelValue(i < values.size() ? values[i] : std::string());
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

void AppendSample(std::string& out, std::string_view name, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, double value) {
  out += name;
  AppendLabels(out, names, values);
  out += ' ';
  out += FormatValue(value);
  out += '\n';
}

// A gauge family whose samples come from a callback at render time.
class CallbackFamily final : public FamilyBase {
 public:
  CallbackFamily(std::string name, std::string help, std::vector<std::string> label_names,
                 std::function<std::vector<Sample>()> read)
      : FamilyBase(std::move(name), std::move(help), std::move(label_names)),
        read_(std::move(read)) {}
  MetricType type() const override { return MetricType::kGauge; }
  void Render(std::string& out) const override {
    RenderHeader(out);
    for (const Sample& sample : read_()) {
      AppendSample(out, name_, label_names_, sample.label_values, sample.value);
    }
  }

 private:
  std::function<std::vector<Sample>()> read_;
};

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    // The shortest text that reads back as the same double: 0.0005, not 0.00050000000000000001.
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) return "NaN";
    return std::string(buffer, end);
  }
  return buffer;
}

bool IsValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

std::vector<double> DefaultLatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
}

void Counter::Increment(double amount) {
  if (amount < 0) return;
  value_.fetch_add(amount, std::memory_order_relaxed);
}

Histogram::Histogram(const std::vector<double>* bounds)
    : bounds_(bounds), buckets_(new std::atomic<uint64_t>[bounds->size() + 1]) {
  for (size_t i = 0; i <= bounds_->size(); ++i) buckets_[i].store(0);
}

void Histogram::Observe(double value) {
  // Prometheus buckets are "less than or equal": the first bound >= value.
  auto it = std::lower_bound(bounds_->begin(), bounds_->end(), value);
  buckets_[static_cast<size_t>(it - bounds_->begin())].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot snapshot;
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_->size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(running);
  }
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  // The count is the +Inf bucket so that the two always agree within one snapshot.
  snapshot.count = running;
  return snapshot;
}

void FamilyBase::RenderHeader(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  out += EscapeHelp(help_);
  out += "\n# TYPE ";
  out += name_;
  out += ' ';
  out += TypeName(type());
  out += '\n';
}

template <typename T>
std::vector<std::string> Family<T>::Normalise(std::vector<std::string> values) const {
  values.resize(label_names_.size());
  return values;
}

template <typename T>
T& Family<T>::WithLabels(const std::vector<std::string>& values) {
  std::vector<std::string> key = Normalise(values);
  {
    std::shared_lock lock(mutex_);
    auto it = children_.find(key);
    if (it != children_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto [it, inserted] = children_.try_emplace(std::move(key));
  if (inserted) it->second = MakeChild();
  return *it->second;
}

template <typename T>
T& Family<T>::WithLabels(std::initializer_list<std::string_view> values) {
  std::vector<std::string> copied;
  copied.reserve(values.size());
  for (std::string_view value : values) copied.emplace_back(value);
  return WithLabels(copied);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

void CounterFamily::Render(std::string& out) const {
  RenderHeader(out);
  std::shared_lock lock(mutex_);
  for (const auto& [values, child] : children_) {
    AppendSample(out, name_, label_names_, values, child->Value());
  }
}

void GaugeFamily::Render(std::string& out) const {
  RenderHeader(out);
  std::shared_lock lock(mutex_);
  for (const auto& [values, child] : children_) {
    AppendSample(out, name_, label_names_, values, child->Value());
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names, std::vector<double> bounds)
    : Family(std::move(name), std::move(help), std::move(label_names)), bounds_(std::move(bounds)) {
  std::sort(bounds_.begin(), bounds_.end());
  bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
  bounds_.erase(std::remove_if(bounds_.begin(), bounds_.end(),
                               [](double b) { return std::isnan(b) || std::isinf(b); }),
                bounds_.end());
}

std::unique_ptr<Histogram> HistogramFamily::MakeChild() const {
  return std::make_unique<Histogram>(&bounds_);
}

void HistogramFamily::Render(std::string& out) const {
  RenderHeader(out);
  std::shared_lock lock(mutex_);
  for (const auto& [values, child] : children_) {
    Histogram::Snapshot snapshot = child->Read();
    std::string bucket_name = name_ + "_bucket";
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      std::string le = i < bounds_.size() ? FormatValue(bounds_[i]) : "+Inf";
      out += bucket_name;
      AppendLabels(out, label_names_, values, "le", le);
      out += ' ';
      out += std::to_string(snapshot.cumulative[i]);
      out += '\n';
    }
    AppendSample(out, name_ + "_sum", label_names_, values, snapshot.sum);
    AppendSample(out, name_ + "_count", label_names_, values, static_cast<double>(snapshot.count));
  }
}

template <typename F, typename... Args>
F& Registry::AddFamily(MetricType type, std::string name, Args&&... args) {
  LIMEN_CHECK(IsValidMetricName(name));
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    auto* existing = dynamic_cast<F*>(it->second.get());
    LIMEN_CHECK(existing != nullptr && existing->type() == type);
    return *existing;
  }
  auto family = std::make_unique<F>(name, std::forward<Args>(args)...);
  F& result = *family;
  families_.emplace(std::move(name), std::move(family));
  return result;
}

CounterFamily& Registry::AddCounter(std::string name, std::string help,
                                    std::vector<std::string> label_names) {
  return AddFamily<CounterFamily>(MetricType::kCounter, std::move(name), std::move(help),
                                  std::move(label_names));
}

GaugeFamily& Registry::AddGauge(std::string name, std::string help,
                                std::vector<std::string> label_names) {
  return AddFamily<GaugeFamily>(MetricType::kGauge, std::move(name), std::move(help),
                                std::move(label_names));
}

HistogramFamily& Registry::AddHistogram(std::string name, std::string help,
                                        std::vector<double> bounds,
                                        std::vector<std::string> label_names) {
  return AddFamily<HistogramFamily>(MetricType::kHistogram, std::move(name), std::move(help),
                                    std::move(label_names), std::move(bounds));
}

void Registry::AddCallbackGauge(std::string name, std::string help, std::function<double()> read) {
  AddCallbackGaugeFamily(std::move(name), std::move(help), {}, [read = std::move(read)] {
    return std::vector<Sample>{Sample{{}, read()}};
  });
}

void Registry::AddCallbackGaugeFamily(std::string name, std::string help,
                                      std::vector<std::string> label_names,
                                      std::function<std::vector<Sample>()> read) {
  LIMEN_CHECK(IsValidMetricName(name));
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  LIMEN_CHECK(it == families_.end() || dynamic_cast<CallbackFamily*>(it->second.get()));
  families_[name] = std::make_unique<CallbackFamily>(name, std::move(help), std::move(label_names),
                                                     std::move(read));
}

std::string Registry::RenderPrometheus() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) family->Render(out);
  return out;
}

}  // namespace limen::server::metrics
