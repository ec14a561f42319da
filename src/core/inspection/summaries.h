// Adapters from the engines' results to the plain summaries the recommendation reads
// (facts.h): the stay evaluation, the registry lookup and the identity indicators. They live in a
// separate library (limen_core_inspection_summaries) so that the recommendation itself depends on
// no other engine; the route for POST /api/v1/inspections links this one.
//
// Thread-safety: stateless functions.
#pragma once

#include <vector>

#include "core/identity/linking.h"
#include "core/inspection/facts.h"
#include "core/registry/snapshot.h"
#include "core/stay/entry_evaluation.h"

namespace limen::core::inspection {

// Entry: authorised, no days left, or no authorisation. Exit: overstayed (with the days) or
// authorised. Missing-record flags and the rules version are carried over.
StaySummary SummariseStay(const stay::StayEvaluation& evaluation, Direction direction);

// An exact listing wins over a misread variant; the first report found is quoted.
RegistrySummary SummariseRegistry(const std::vector<registry::VariantMatch>& matches);

IdentitySummary SummariseIdentity(const std::vector<identity::ImpostorIndicator>& indicators);

}  // namespace limen::core::inspection
