# Man pages, generated at build time by help2man (Debian package help2man) from each program's
# --help, so the page and the help never disagree; the *.h2m files add what --help leaves out
# (files, signals, examples). Installed gzipped, as Debian policy wants.

find_program(HELP2MAN help2man)
find_program(GZIP gzip REQUIRED)
if(NOT HELP2MAN)
  message(WARNING "help2man not found (packaging/debian-packages.txt lists it): the packages "
                  "will have no man pages; run packaging/install-deps.sh")
  return()
endif()

set(EINLASS_MAN_DIR ${CMAKE_BINARY_DIR}/man)

# einlass_man_page(PAGE SECTION COMPONENT DESCRIPTION PROGRAM DEPENDS): help2man runs PROGRAM.
function(einlass_man_page page section component description program depends)
  set(include ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${page}.h2m)
  set(out ${EINLASS_MAN_DIR}/${page}.${section})
  add_custom_command(
    OUTPUT ${out}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${EINLASS_MAN_DIR}
    # --no-discard-stderr: CLI11 prints help on stdout, but keep anything it says.
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --locale=C.UTF-8 --section=${section}
            --version-string=${PROJECT_VERSION} --name=${description} --include=${include}
            --output=${out} ${program}
    COMMAND ${GZIP} -9nf ${out}
    DEPENDS ${depends} ${include}
    COMMENT "man page ${page}(${section})"
    VERBATIM)
  add_custom_target(man_${page} ALL DEPENDS ${out}.gz)
  install(FILES ${out}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT ${component})
endfunction()

einlass_man_page(einlass-kiosk 1 kiosk "check-in kiosk for conference days"
                 $<TARGET_FILE:einlass-kiosk> einlass-kiosk)
einlass_man_page(einlass-server 1 server "central server and organiser tool for Einlass"
                 $<TARGET_FILE:einlass-server> einlass-server)
einlass_man_page(einlass-kiosk-setup-laptop 8 kiosk "turn a Debian laptop into an Einlass kiosk"
                 ${CMAKE_CURRENT_LIST_DIR}/../kiosk/einlass-kiosk-setup-laptop
                 ${CMAKE_CURRENT_LIST_DIR}/../kiosk/einlass-kiosk-setup-laptop)
