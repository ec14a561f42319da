// The body of the POST /api/v1/inspections response, written directly as compact JSON text with
// the keys of every object in sorted order (the document nlohmann::json::dump printed when the
// response was built as a JSON value first), and with the sections the reader's role may not
// see left out and listed under "withheld" (docs/policy.md, docs/configuration.md).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/document/mrz.h"
#include "core/identity/linking.h"
#include "core/inspection/facts.h"
#include "core/inspection/recommendation.h"
#include "core/policy/data_sharing.h"
#include "core/stay/entry_evaluation.h"
#include "store/workflow_store.h"

namespace limen::server {

// How many of the traveller's latest crossings the inspection shows, newest first.
inline constexpr size_t kLastCrossingsShown = 5;

// Everything an inspection response shows. Pointers must be set and outlive the call.
struct InspectionView {
  std::string_view inspection_id;
  const core::document::DocumentReport* report = nullptr;
  const core::inspection::RegistrySummary* registry = nullptr;
  std::span<const core::inspection::HitSummary> hits;
  // The stay verdict, or (null when the node has no stay rules) why there is none.
  const core::stay::StayEvaluation* stay = nullptr;
  std::string_view stay_problem;
  // The traveller's crossings, oldest first (the response shows the latest few).
  std::span<const store::CrossingRow> crossings;
  const core::inspection::RecommendationResult* recommendation = nullptr;
  // The identity section.
  std::string_view traveller_id;
  bool first_seen = false;
  const core::identity::LinkResult* link = nullptr;
  std::span<const core::identity::ImpostorIndicator> impostor_indicators;
};

// The categories of an inspection response that a reader may see.
struct InspectionAccess {
  bool identity = false;          // "identity".
  bool document = false;          // "document" and "lost_stolen".
  bool crossing_history = false;  // "last_crossings" and "stay".
  bool hits = false;              // "hits".
  bool hit_details = false;       // The hits' scores.
};

// What `principal` may see under `policy` (core/policy decides; no policy or no principal
// grants nothing).
InspectionAccess InspectionAccessFor(const core::DataSharingPolicy* policy,
                                     const std::optional<core::Principal>& principal);

// The response body for `view` as `access` allows it.
std::string InspectionResponseJson(const InspectionView& view, const InspectionAccess& access);

// The same body in two steps, so that most of it is written before the inspection is recorded
// (off the store's writer thread): everything but the identity section, which only the write
// can complete (it finds whether the traveller was seen before).
struct InspectionResponseText {
  std::string before_identity;
  std::string after_identity;
  bool identity = false;  // Whether the identity section goes between the two.
};
// Ignores the identity fields of `view`.
InspectionResponseText PrepareInspectionResponse(const InspectionView& view,
                                                 const InspectionAccess& access);
// Uses only the identity fields of `view`.
std::string FinishInspectionResponse(const InspectionResponseText& text,
                                     const InspectionView& view);

}  // namespace limen::server
