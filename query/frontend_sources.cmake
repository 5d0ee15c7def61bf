# Query frontend (lexer, parser, statement splitter); included by
# query/CMakeLists.txt.
set(ECOGRAPH_QUERY_FRONTEND_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/lexer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser_expression.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parser_pattern.cpp
  ${CMAKE_CURRENT_LIST_DIR}/statement_splitter.cpp
)
