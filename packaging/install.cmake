# What the two Debian packages install, as CMake components: `kiosk` (einlass-kiosk) and
# `server` (einlass-server). Paths below the prefix are relative (the package prefix is /usr);
# config and systemd units are absolute, as Debian puts them. Included from the root
# CMakeLists after the programs are defined; packaging/cpack.cmake turns it into .deb files.

include(GNUInstallDirs)

# --- kiosk ------------------------------------------------------------------------------------
install(TARGETS einlass-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
# The bundled event and string tables; the kiosk finds them at <prefix>/share/einlass next to
# its bin/ folder (kiosk/app/kiosk_setup.cpp).
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/events ${CMAKE_SOURCE_DIR}/assets/lang
        DESTINATION ${CMAKE_INSTALL_DATADIR}/einlass COMPONENT kiosk)
install(PROGRAMS ${CMAKE_CURRENT_LIST_DIR}/kiosk/einlass-kiosk-setup-laptop
        DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT kiosk)
install(PROGRAMS ${CMAKE_CURRENT_LIST_DIR}/kiosk/einlass-kiosk-session
        DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/einlass COMPONENT kiosk)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/kiosk/einlass-kiosk-session.service
              ${CMAKE_CURRENT_LIST_DIR}/kiosk/einlass-kiosk-session-reload.path
              ${CMAKE_CURRENT_LIST_DIR}/kiosk/einlass-kiosk-session-reload.service
        DESTINATION /lib/systemd/system COMPONENT kiosk)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/kiosk/kiosk.conf DESTINATION /etc/einlass COMPONENT kiosk)

# --- server -----------------------------------------------------------------------------------
install(TARGETS einlass-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/server/server.toml DESTINATION /etc/einlass
        COMPONENT server)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/server/einlass-server.service
        DESTINATION /lib/systemd/system COMPONENT server)
# The example event for `einlass-server init`; the kiosk package owns /usr/share/einlass, and
# two packages must not ship the same file.
install(FILES ${CMAKE_SOURCE_DIR}/assets/events/regionalkonferenzen-2019.toml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/einlass-server/examples COMPONENT server)
# The ticket e-mail's words (the "mail" texts of the language files, and the kiosk's date
# words): the server finds them at <prefix>/share/einlass-server/lang next to its bin/ folder
# (sync/server/mail/mail_lang_dir.cpp); its own copy, as the kiosk package owns share/einlass.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/lang
        DESTINATION ${CMAKE_INSTALL_DATADIR}/einlass-server COMPONENT server)

include(${CMAKE_CURRENT_LIST_DIR}/man/man_pages.cmake)
