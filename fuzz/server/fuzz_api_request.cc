// Feeds arbitrary bytes through the request path of the API: HTTP parsing, then the JSON body
// decoders every route uses (typed fields, login, screening request, document data, referral
// and case requests). Nothing may crash, leak or invoke undefined behaviour; every failure must
// be a Status.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/api/case_json.h"
#include "server/api/document_json.h"
#include "server/api/json_fields.h"
#include "server/api/screening_json.h"
#include "server/api/workflow_json.h"
#include "server/http/http_server.h"

namespace {

void DecodeBody(std::string_view body) {
  using namespace limen::server;
  auto object = ParseJsonObject(body);
  if (object.ok()) {
    (void)RequiredString(*object, "username");
    (void)RequiredInt(*object, "limit");
    (void)OptionalBool(*object, "flag");
    (void)StringArray(*object, "posts");
    (void)ScreeningRequestFromJson(*object);
    (void)DocumentDataFromJson(*object);
    (void)ReferralFromJson(*object);
    (void)TravellerFromJson(*object);
  }
  (void)InspectionRequestFromJson(body);
  (void)CrossingRequestFromJson(body);
  (void)AuthorisationRequestFromJson(body);
  (void)ScreeningRequestFromJson(body);
  (void)ReferralRequestFromJson(body);
  (void)CaseStatusRequestFromJson(body);
  (void)CaseNoteRequestFromJson(body);
  (void)CaseAttachmentRequestFromJson(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  limen::server::http::ServerOptions options;
  options.max_body_bytes = 64 * 1024;
  auto request = limen::server::http::ParseRequest(bytes, options);
  if (request.ok()) DecodeBody(request->body);
  // The same bytes as a bare body too, so that JSON decoding is explored without HTTP framing.
  DecodeBody(bytes);
  return 0;
}
