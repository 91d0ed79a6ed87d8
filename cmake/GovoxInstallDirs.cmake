# Where `make install` / the .deb puts Govox's parts, relative to CMAKE_INSTALL_PREFIX.
# The app finds them relative to its own executable (app/govox/Paths.cpp), so these
# relative paths are compiled into it and must stay in step with the install() rules.
include(GNUInstallDirs)

set(GOVOX_INSTALL_BINDIR "${CMAKE_INSTALL_BINDIR}")
# The voice host is a private program (only govox starts it): /usr/lib/govox, not the
# multiarch library folder, as Debian does for private executables.
set(GOVOX_INSTALL_HOSTDIR "lib/govox")
# The Go SDK and example voices, read-only: users' voices live in their own folders.
set(GOVOX_INSTALL_DATADIR "${CMAKE_INSTALL_DATAROOTDIR}/govox")

# The same folders seen from the installed executable, for Paths.cpp.
file(RELATIVE_PATH GOVOX_BIN_TO_HOSTDIR "/prefix/${GOVOX_INSTALL_BINDIR}"
     "/prefix/${GOVOX_INSTALL_HOSTDIR}")
file(RELATIVE_PATH GOVOX_BIN_TO_DATADIR "/prefix/${GOVOX_INSTALL_BINDIR}"
     "/prefix/${GOVOX_INSTALL_DATADIR}")
