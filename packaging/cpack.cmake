# CPack: two Debian packages from the components of packaging/install.cmake.
#   packaging/build-packages.sh  ->  build/packages/einlass-kiosk_V_ARCH.deb, einlass-server_V_ARCH.deb
# Library dependencies come from dpkg-shlibdeps (dpkg-dev) on the built programs, so they name
# exactly the Debian 12 library packages the binaries link; run-time needs that no linker sees
# (fonts, adduser, cage) are listed by hand below.

set(CPACK_GENERATOR DEB)
# cpack installs what is built and builds nothing itself (else it would first build every test
# and benchmark, one file at a time): packaging/build-packages.sh and the package test build
# the programs and man pages the packages need, then run cpack.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
set(CPACK_PACKAGE_NAME einlass)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Einlass")
set(CPACK_PACKAGE_CONTACT "Einlass maintainers <maintainers@einlass.invalid>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://einlass.invalid/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk server)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # NAME_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Release packages without the debug info of a RelWithDebInfo build (the server is ~60 MB with).
set(CPACK_STRIP_FILES ON)
# Maintainer scripts get 0755 and the control files 0644, whatever the source tree says.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME einlass-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION misc)
# Fonts are opened at run time (kiosk/ui/fonts.cpp); cage runs the locked-down kiosk session.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-core, fonts-dejavu-core, adduser")
# cage and xwayland: Recommends, since a server or a developer machine runs the kiosk without
# them (demo, status); einlass-kiosk-setup-laptop installs both on a kiosk laptop. xwayland is
# needed because Debian 12's GLFW is X11-only and cage does not pull it in.
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cage, xwayland")
# The first line is the synopsis; CPack indents the rest and turns the empty line into " .".
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "Einlass check-in kiosk for conference days
The venue kiosk of Einlass: participants hold the QR code of their registration e-mail to
the laptop's camera (or a USB scanner) and see a welcome, their rooms and the agenda; staff
register walk-ins and check people in by hand. Works offline and syncs with einlass-server.

einlass-kiosk-setup-laptop turns a fresh Debian laptop into a kiosk that starts the check-in
window full-screen at boot (cage) and restarts it if it ever exits.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/kiosk/conffiles;${CMAKE_CURRENT_LIST_DIR}/kiosk/postinst;${CMAKE_CURRENT_LIST_DIR}/kiosk/prerm")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME einlass-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "Einlass central server for conference check-in
The server the Einlass kiosks of all venues sync with over HTTPS, and the organiser's tool:
the event, ticket keys, registrations, tickets, kiosk enrolment, agenda changes, attendance
and exports. Runs as the systemd service einlass-server under its own user, with its data in
/var/lib/einlass.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/server/conffiles;${CMAKE_CURRENT_LIST_DIR}/server/postinst;${CMAKE_CURRENT_LIST_DIR}/server/prerm;${CMAKE_CURRENT_LIST_DIR}/server/postrm")

include(CPack)
