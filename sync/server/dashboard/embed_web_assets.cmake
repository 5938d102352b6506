# Turns every file of assets/web into bytes in a generated C++ file (see web_assets.hpp).
# Two uses: included by sync/CMakeLists.txt, einlass_embed_web_assets(TARGET) adds the build
# step; run as a script (cmake -DWEB_DIR=… -DOUT=… -P this file), it writes the file.

if(CMAKE_SCRIPT_MODE_FILE)
  file(GLOB files RELATIVE ${WEB_DIR} ${WEB_DIR}/*)
  list(SORT files)
  set(body "// Generated from assets/web by embed_web_assets.cmake; do not edit.\n")
  string(APPEND body "#include \"sync/server/dashboard/web_assets.hpp\"\n\n")
  string(APPEND body "namespace einlass::sync::server {\nnamespace {\n")
  set(table "")
  set(index 0)
  foreach(name ${files})
    file(READ ${WEB_DIR}/${name} hex HEX)
    file(SIZE ${WEB_DIR}/${name} size)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
    string(APPEND body "constexpr char kFile${index}[] = {${bytes} 0};\n")
    set(type "application/octet-stream")
    if(name MATCHES "\\.html$")
      set(type "text/html; charset=utf-8")
    elseif(name MATCHES "\\.css$")
      set(type "text/css; charset=utf-8")
    elseif(name MATCHES "\\.js$")
      set(type "text/javascript; charset=utf-8")
    elseif(name MATCHES "\\.svg$")
      set(type "image/svg+xml")
    endif()
    string(APPEND table "    {\"${name}\", {kFile${index}, ${size}}, \"${type}\"},\n")
    math(EXPR index "${index} + 1")
  endforeach()
  string(APPEND body "}  // namespace\n\nconst WebAsset kWebAssets[] = {\n${table}};\n")
  string(APPEND body "const std::size_t kWebAssetCount = ${index};\n\n}  // namespace einlass::sync::server\n")
  file(WRITE ${OUT}.tmp "${body}")
  file(RENAME ${OUT}.tmp ${OUT})
  return()
endif()

set(EINLASS_EMBED_WEB_ASSETS_SCRIPT ${CMAKE_CURRENT_LIST_FILE})

function(einlass_embed_web_assets target)
  set(web_dir ${PROJECT_SOURCE_DIR}/assets/web)
  file(GLOB web_files CONFIGURE_DEPENDS ${web_dir}/*)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/web_assets_data.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DWEB_DIR=${web_dir} -DOUT=${out} -P ${EINLASS_EMBED_WEB_ASSETS_SCRIPT}
    DEPENDS ${web_files} ${EINLASS_EMBED_WEB_ASSETS_SCRIPT}
    COMMENT "Embedding the dashboard's web assets")
  target_sources(${target} PRIVATE ${out})
endfunction()
