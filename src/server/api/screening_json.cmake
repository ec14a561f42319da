# JSON codec of core/screening, shared by `limen screen` and POST /api/v1/screen.
if(TARGET limen_core_screening)
  add_library(limen_screening_json STATIC ${CMAKE_CURRENT_LIST_DIR}/screening_json.cc)
  target_include_directories(limen_screening_json PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(limen_screening_json PRIVATE ${LIMEN_WARNINGS})
  target_link_libraries(limen_screening_json PUBLIC limen_core_screening
                                                    nlohmann_json::nlohmann_json)
endif()
