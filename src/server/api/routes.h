// Route groups. Each Register* function adds one group of routes to the router; BuildRouter
// (api_service.h) calls them all. Every route declares who may call it and how it is audited in
// its RouteSpec, and the OpenAPI document is generated from the same specs (openapi.h).
#pragma once

#include "server/api/router.h"
#include "server/api/services.h"

namespace limen::core::document {
struct CheckOptions;
}

namespace limen::server {

// The document checks configured for this node, dated today by the node's clock.
core::document::CheckOptions DocumentCheckOptions(const Services& services);

// /healthz, /readyz, /metrics, /api/v1/openapi.json.
void RegisterSystemRoutes(Router& router, Services& services);
// /api/v1/auth/...: login, logout, me, password.
void RegisterAuthRoutes(Router& router, Services& services);
// /api/v1/users...: administrators manage accounts.
void RegisterUserRoutes(Router& router, Services& services);
// /api/v1/states, /agencies, /posts: reference data.
void RegisterReferenceRoutes(Router& router, Services& services);
// /api/v1/audit, /api/v1/audit/verify, /api/v1/events/verify: for auditors.
void RegisterAuditRoutes(Router& router, Services& services);
// /api/v1/documents/parse: the travel-document engine.
void RegisterDocumentRoutes(Router& router, Services& services);
// /api/v1/screen: watchlist screening.
void RegisterScreeningRoutes(Router& router, Services& services);
// /api/v1/inspections, /api/v1/crossings, /api/v1/overstays: the border-crossing workflow.
void RegisterWorkflowRoutes(Router& router, Services& services);
// /api/v1/authorisations...: visas and residence or work permits tied to travel documents.
void RegisterAuthorisationRoutes(Router& router, Services& services);
// /api/v1/travellers/...: read a traveller record; supervisors merge and split records, and undo.
void RegisterTravellerRoutes(Router& router, Services& services);
// /api/v1/referrals, /api/v1/cases...: referrals and multi-agency cases (docs/cases.md).
void RegisterCaseRoutes(Router& router, Services& services);
// /api/v1/registry/...: national lost/stolen reports and registry lookups.
void RegisterRegistryRoutes(Router& router, Services& services);

}  // namespace limen::server
