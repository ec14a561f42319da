# JSON codec of core/document, shared by `limen mrz` and POST /api/v1/documents/parse.
if(TARGET limen_core_document)
  add_library(limen_document_json STATIC ${CMAKE_CURRENT_LIST_DIR}/document_json.cc)
  target_include_directories(limen_document_json PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(limen_document_json PRIVATE ${LIMEN_WARNINGS})
  target_link_libraries(limen_document_json PUBLIC limen_core_document
                                                   nlohmann_json::nlohmann_json)
endif()
