# The package test (label `package`): builds both .deb files from this build tree, checks their
# metadata, installs them on this machine with dpkg (root; CI's fresh Debian 12 machine), runs
# the installed programs on the installed assets, upgrades over a database from an earlier
# release and purges everything again. packaging/run-tests.sh runs it after the release tests;
# the other runs of the suite leave it out (-LE package), since it changes the machine.
add_test(NAME package_build_install_upgrade
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/package_test.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(package_build_install_upgrade
                     PROPERTIES LABELS package TIMEOUT 900 RUN_SERIAL TRUE)

# The shell scripts the packages ship (setup script, maintainer scripts): syntax and shellcheck.
add_test(NAME package_scripts_lint
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/lint_scripts.sh ${CMAKE_SOURCE_DIR}/packaging)
set_tests_properties(package_scripts_lint PROPERTIES LABELS package)
