# PNG icons rendered from resources/icons/govox.svg at build time, so that they never
# drift from the SVG: desktops that do not draw SVG icons (and small sizes, which
# panels ask for as PNG) use these. rsvg-convert comes from librsvg2-bin, which
# packaging/setup-debian.sh installs.
find_program(GOVOX_RSVG_CONVERT rsvg-convert)
if(NOT GOVOX_RSVG_CONVERT)
  message(WARNING "rsvg-convert not found (apt install librsvg2-bin): the PNG icons will "
                  "not be installed, only the SVG")
  return()
endif()

set(svg "${PROJECT_SOURCE_DIR}/resources/icons/govox.svg")
set(pngs)
foreach(size 16 22 24 32 48 64 128 256)
  set(png "${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size}/govox.png")
  add_custom_command(OUTPUT "${png}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size}"
    COMMAND "${GOVOX_RSVG_CONVERT}" --width=${size} --height=${size} --output "${png}" "${svg}"
    DEPENDS "${svg}" VERBATIM)
  list(APPEND pngs "${png}")
  install(FILES "${png}" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps")
endforeach()
add_custom_target(govox_icons ALL DEPENDS ${pngs})
