/* Compiled as strict C11 with -Werror: the shared-memory contract stays valid C. */
#include "engine/abi/govox_abi.h"

int govox_abi_c_check(void);
int govox_abi_c_check(void) {
    govox_layout l = govox_layout_compute(4, 1024);
    govox_voice_slot slot = {0};
    govox_header header = {0};
    slot.start_frame = 1u; /* 64-bit, set by the host before ACTIVE */
    slot.rewrite_seq = 1u; /* the rewrite handshake of ABI 4 */
    slot.rewrite_from = slot.rewrite_cursor = 2u;
    slot.read_claim = 2u;
    header.rollback = GOVOX_ROLLBACK_COPY;
    return (int)(l.region_size % GOVOX_CACHE_LINE) + (int)(slot.start_frame - 1u) +
           (int)(slot.rewrite_cursor - slot.read_claim) + (int)(header.rollback - 1u) +
           (int)(slot.rewrite_seq - 1u);
}
