/* Compiled as strict C11 with -Werror: the shared-memory contract stays valid C. */
#include "engine/abi/govox_abi.h"

int govox_abi_c_check(void);
int govox_abi_c_check(void) {
    govox_layout l = govox_layout_compute(4, 1024);
    govox_voice_slot slot = {0};
    slot.start_frame = 1u; /* 64-bit, set by the host before ACTIVE */
    return (int)(l.region_size % GOVOX_CACHE_LINE) + (int)(slot.start_frame - 1u);
}
