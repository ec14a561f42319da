# Script mode: cmake -DINPUT=iso_3166-1.json -DOUTPUT=out.cc -P generate_iso_3166.cmake
# Writes a sorted C++ table of ISO 3166-1 alpha-3 codes and English names.
if(NOT EXISTS "${INPUT}")
  message(FATAL_ERROR "ISO 3166-1 data not found at ${INPUT}: install the Debian package "
                      "iso-codes (scripts/install-deps.sh) or set LIMEN_ISO_3166_JSON.")
endif()
file(READ "${INPUT}" json)
string(JSON count LENGTH "${json}" "3166-1")
math(EXPR last "${count} - 1")
set(entries "")
foreach(index RANGE ${last})
  string(JSON code GET "${json}" "3166-1" ${index} "alpha_3")
  string(JSON name GET "${json}" "3166-1" ${index} "name")
  string(REPLACE "\\" "\\\\" name "${name}")
  string(REPLACE "\"" "\\\"" name "${name}")
  list(APPEND entries "${code}|${name}")
endforeach()
list(SORT entries)
set(body "")
foreach(entry IN LISTS entries)
  string(FIND "${entry}" "|" bar)
  string(SUBSTRING "${entry}" 0 ${bar} code)
  math(EXPR name_start "${bar} + 1")
  string(SUBSTRING "${entry}" ${name_start} -1 name)
  string(APPEND body "    {\"${code}\", \"${name}\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated at build time from ${INPUT} by generate_iso_3166.cmake. Do not edit.
#include \"core/document/internal/iso_3166.h\"

namespace limen::core::document::internal {

const Iso3166Entry kIso3166[] = {
${body}};
const int kIso3166Count = ${count};

}  // namespace limen::core::document::internal
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
