# CPack's Debian package: govox_<version>_amd64.deb from the install() rules.
# Dependency decisions are explained in docs/packaging.md.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME govox)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "Govox developers <maintainers@govox.dev>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # govox_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON) # the debug info stays in the build tree
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "synthesizer whose voices are Go programs, reloaded live")
# The extended description; CPack puts the summary above it as the synopsis.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Govox is a desktop synthesizer whose voices are ordinary Go programs: save
the file and hear the new sound a moment later while the music keeps
playing. A real-time C++ engine owns the audio clock and mixes what the Go
code rendered ahead of time, so garbage-collector pauses are absorbed and a
crashing voice never takes the app down.

The package holds the app and its headless play and render commands, the
voice host, and the Go SDK with example voices in /usr/share/govox. Building
voices needs the Go toolchain (1.19 or newer) and a C compiler.")

# Libraries the programs link (Qt 6, QCustomPlot, RtAudio, RtMidi, libsndfile, libsmf)
# come from dpkg-shlibdeps. Qt plugins are loaded at run time and seen by no tool:
# libqt6svg6 draws the SVG icon (xcb and the multimedia backends ship in libqt6gui6 and
# libqt6multimedia6, which shlibdeps already finds).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
# Go builds every voice, but a developer often has Go from go.dev in /usr/local/go,
# which dpkg cannot see: Recommends (installed by default) rather than Depends, and the
# app says how to install Go when it finds none. cgo needs gcc and libc6-dev.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "golang-go (>= 2:1.19~) | golang-1.19-go, gcc, libc6-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "jackd2, qt6-wayland")
include(CPack)
