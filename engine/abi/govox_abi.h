/*
 * SPDX-License-Identifier: MIT (engine/abi/LICENSE): voices may carry any licence.
 *
 * govox_abi.h - the shared-memory contract between the Govox engine and a voice host.
 *
 * Aims
 * - One header for C11, C++20 and Go (cgo). Plain fixed-width fields only: no pointers
 *   (each process maps the region at its own address) and no _Atomic (cgo cannot read
 *   it). Fields documented "atomic" are only touched with atomic loads, stores and
 *   compare-exchange (C++ std::atomic_ref, Go sync/atomic); all are naturally aligned and
 *   32 or 64 bits wide, which is lock-free and therefore address-free on every target
 *   Govox supports.
 * - Every block sits at an offset from the start of the mapping, and the header records
 *   the size of each block and of each struct, so a mismatched build fails a check with
 *   a message instead of crashing. Blocks and hot fields are on their own 64-byte lines,
 *   and what one side writes never shares a 128-byte pair of lines with what the other
 *   side writes: Intel's spatial prefetcher fetches lines in 128-byte-aligned pairs, so
 *   two indices in one pair are falsely shared even on separate lines (the ring benchmark
 *   with the two threads on two cores: about 5 % faster apart, docs/benchmarks.md).
 * - The engine trusts nothing the voice host writes. It validates the layout once when it
 *   attaches, keeps its own copy of it, and range-checks every index it reads afterwards.
 *
 * Lockstep (offline rendering, header.lockstep == 1): the engine renders block by block
 * without a clock. Before the block [F, F + n) it pushes the block's events, sets
 * lockstep_frame to F + n, bumps wake_word and waits until the host has set
 * lockstep_done_frame to F + n. By then the host has acted on every event (a note-on's
 * slot is ACTIVE) and every sounding voice's ring holds its frames up to F + n: each
 * voice is rendered on its own timeline, chunks split at event frames, a note's start
 * padded with silence to its frame. Nothing fill- or time-dependent is used, so the
 * output is bit-identical run to run.
 *
 * Ownership: a field marked "engine writes" is written only by the engine process and a
 * field marked "host writes" only by the voice host; each side only reads the other's.
 * voice_slot.state is the one field both sides change, and only by compare-exchange
 * along the transitions documented at govox_voice_state.
 *
 * Region layout (offsets in the header, each a multiple of GOVOX_LINE_PAIR):
 *   govox_header | govox_event_queue | govox_voice_slot[voice_count]
 *   | rings: voice_count x ring_capacity_frames x GOVOX_CHANNELS floats, interleaved
 *   | govox_param_block | govox_host_stats
 */
#ifndef GOVOX_ABI_H
#define GOVOX_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define GOVOX_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
extern "C" {
#else
#define GOVOX_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

/* "GVOX" as bytes in memory on a little-endian machine. */
#define GOVOX_ABI_MAGIC 0x584F5647u
/* Bump on any change to a struct, a constant below or a documented protocol. */
#define GOVOX_ABI_VERSION 4u

#define GOVOX_CACHE_LINE 64u
#define GOVOX_LINE_PAIR 128u /* what the spatial prefetcher fetches together */
#define GOVOX_CHANNELS 2u
#define GOVOX_MAX_VOICES 128u
#define GOVOX_MIN_RING_FRAMES 64u
#define GOVOX_MAX_RING_FRAMES 65536u
#define GOVOX_EVENT_CAPACITY 1024u
#define GOVOX_MAX_PARAMS 64u
#define GOVOX_NAME_LEN 32u
#define GOVOX_UNIT_LEN 16u
#define GOVOX_MESSAGE_LEN 2048u

/* ---------------------------------------------------------------------------------------
 * Header
 */

/* govox_header.host_state, host writes. */
typedef enum govox_host_state {
    GOVOX_HOST_NONE = 0,     /* engine created the region, no host has touched it */
    GOVOX_HOST_STARTING = 1, /* host mapped the region and is loading the voice library */
    GOVOX_HOST_READY = 2,    /* descriptors written, voices pre-warmed, events are consumed */
    GOVOX_HOST_FAILED = 3,   /* could not start; govox_header.message says why */
    GOVOX_HOST_EXITED = 4    /* stopped after shutdown_requested */
} govox_host_state;

/* govox_header.rollback, host writes before READY. */
typedef enum govox_rollback {
    GOVOX_ROLLBACK_NONE = 0, /* changes wait for the frames already in the ring: ring latency */
    GOVOX_ROLLBACK_COPY = 1, /* the SDK copies each voice's plain-value state (no code needed) */
    GOVOX_ROLLBACK_VOICE = 2 /* the voice saves and restores its own state (sdk.Snapshotter) */
} govox_rollback;

/* govox_header.quality_hint, engine writes: how much CPU the voices may spend. */
typedef enum govox_quality {
    GOVOX_QUALITY_LOW = 0,
    GOVOX_QUALITY_NORMAL = 1,
    GOVOX_QUALITY_HIGH = 2
} govox_quality;

typedef struct govox_header {
    /* Line 0-1: identity and layout. Engine writes once, before the host starts. */
    uint32_t magic;                /* GOVOX_ABI_MAGIC */
    uint32_t abi_version;          /* GOVOX_ABI_VERSION */
    uint64_t region_size;          /* bytes in the whole mapping */
    uint32_t header_size;          /* sizeof(govox_header) */
    uint32_t event_size;           /* sizeof(govox_event) */
    uint32_t event_queue_size;     /* sizeof(govox_event_queue) */
    uint32_t voice_slot_size;      /* sizeof(govox_voice_slot) */
    uint32_t param_block_size;     /* sizeof(govox_param_block) */
    uint32_t host_stats_size;      /* sizeof(govox_host_stats) */
    uint32_t voice_count;          /* voice slots, 1..GOVOX_MAX_VOICES */
    uint32_t ring_capacity_frames; /* per voice, a power of two in [MIN, MAX]_RING_FRAMES */
    uint32_t channels;             /* GOVOX_CHANNELS, interleaved float32 */
    uint32_t event_capacity;       /* GOVOX_EVENT_CAPACITY */
    uint32_t param_capacity;       /* GOVOX_MAX_PARAMS */
    uint32_t sample_rate;          /* frames per second */
    uint32_t max_block_frames;     /* largest block the engine reads at once */
    uint32_t reserved0;
    uint64_t event_queue_offset;
    uint64_t voices_offset;
    uint64_t rings_offset;
    uint64_t ring_stride_bytes; /* bytes from one voice's ring to the next */
    uint64_t params_offset;
    uint64_t host_stats_offset;
    uint8_t reserved1[8];

    /* Line 2: engine writes (atomic). */
    uint64_t engine_frame;       /* frames played so far: the clock of event timestamps */
    uint64_t lockstep_frame;     /* lockstep: render every voice up to this frame */
    uint32_t shutdown_requested; /* 1: the host must stop rendering and exit */
    uint32_t ring_target_frames; /* fill level the host keeps each sounding voice at */
    uint32_t quality_hint;       /* govox_quality */
    uint32_t engine_pid;         /* the host exits when this process is gone */
    uint32_t lockstep;           /* 1: offline render, see "Lockstep" above; set before start */
    uint8_t reserved2[28];

    /* Line 3: host writes (atomic). */
    uint32_t host_state; /* govox_host_state */
    uint32_t host_pid;
    uint32_t library_abi_version; /* the ABI version the voice library was built against */
    uint32_t host_sleeping;       /* 1 while the host waits on wake_word */
    uint64_t lockstep_done_frame; /* lockstep: every voice is rendered up to this frame */
    uint32_t rollback;            /* govox_rollback, set before READY: how changes to a
                                     sounding note reach frames already in its ring */
    uint8_t reserved3[36];

    /* Line 4: engine writes (atomic). The engine's event sender (never the audio thread)
     * increments it after pushing events and futex-wakes a host that set host_sleeping.
     * A host paces ring refills by time, so it always sleeps with a timeout as well. */
    uint32_t wake_word;
    uint8_t reserved4[60];

    /* Host writes, before it sets host_state to FAILED: a NUL-terminated UTF-8 message.
     * The engine reads at most GOVOX_MESSAGE_LEN bytes and never trusts the terminator. */
    char message[GOVOX_MESSAGE_LEN];
} govox_header;

/* ---------------------------------------------------------------------------------------
 * Event queue: engine -> host, single producer, single consumer.
 */

typedef enum govox_event_type {
    GOVOX_EVENT_NOTE_ON = 1,        /* data1 note, data2 velocity 1..127 */
    GOVOX_EVENT_NOTE_OFF = 2,       /* data1 note, data2 release velocity */
    GOVOX_EVENT_CONTROL_CHANGE = 3, /* data1 controller, data2 value (64 sustain, 1 mod wheel) */
    GOVOX_EVENT_PITCH_BEND = 4,     /* bend -8192..8191 */
    GOVOX_EVENT_ALL_NOTES_OFF = 5,  /* release every voice on channel (or all if 0xFF) */
    GOVOX_EVENT_PARAM_CHANGE = 6    /* param_index, param_value */
} govox_event_type;

typedef struct govox_event {
    uint64_t frame;  /* engine_frame at which the event takes effect */
    uint32_t type;   /* govox_event_type */
    uint8_t channel; /* MIDI channel 0..15 */
    uint8_t data1;   /* note or controller number */
    uint8_t data2;   /* velocity or controller value */
    uint8_t reserved0;
    int32_t bend;           /* PITCH_BEND */
    uint32_t param_index;   /* PARAM_CHANGE: index into govox_param_block */
    float param_value;      /* PARAM_CHANGE: value in the parameter's own units */
    uint32_t resume_frames; /* NOTE_ON: > 0 when hot reload moves a held note into a new
                               build: the note has sounded this long already, so the voice
                               renders that much silently first and carries on from there,
                               past its attack */
} govox_event;

/* A free-running index alone on its pair of cache lines. */
typedef struct govox_index_line {
    uint32_t value; /* atomic */
    uint8_t reserved[124];
} govox_index_line;

typedef struct govox_event_queue {
    govox_index_line write; /* engine writes: events pushed so far */
    govox_index_line read;  /* host writes: events consumed so far */
    govox_event events[GOVOX_EVENT_CAPACITY];
} govox_event_queue;

/* ---------------------------------------------------------------------------------------
 * Voice slots: one stereo ring each, host -> engine.
 */

/* govox_voice_slot.state. Transitions (who, by compare-exchange):
 *   FREE -> STARTING              host claims the slot for a note; the ring is empty
 *   STARTING -> ACTIVE            host, once the first block is in the ring
 *   ACTIVE -> RELEASING           host, at note off (the engine keeps playing)
 *   ACTIVE|RELEASING -> FINISHED  host, after writing the voice's last frame
 *   ACTIVE|RELEASING -> STOP_REQUESTED
 *                                 engine: it faded the voice out (low-priority underrun,
 *                                 NaN, corrupt indices) and reads no more of it
 *   STOP_REQUESTED -> FINISHED    host, once it has stopped writing the ring
 *   FINISHED -> FREE              engine, after playing or dropping what is left; from
 *                                 then read_index == write_index until the next note
 * The engine reads the ring only in ACTIVE, RELEASING and FINISHED.
 *
 * Note starts: a note-on event carries the engine frame F it is meant to sound at. The
 * host writes start_frame = F (in lockstep: the frame of the block it pads from) before
 * ACTIVE, and the engine plays the ring's first frame at engine frame start_frame: from
 * that offset inside the block it is mixing, or at the start of the block if the frame
 * has already passed (the host was late). A start_frame more than a ring ahead of the
 * engine's clock is not believed: the note plays at once.
 *
 * Rewrites (rollback, ABI version 4). A change to a sounding note (note-off, bend,
 * controller, parameter) whose frame the host has already rendered is applied by
 * rendering again from a saved state and writing the frames again in place. The engine
 * must never play a half-rewritten frame, nor a frame the host rewrote after the engine
 * began to read it:
 * - Engine, before reading a block of n frames from read_index: store read_claim =
 *   read_index + n, then (sequentially consistent) load rewrite_seq. While it is odd the
 *   engine reads only up to rewrite_cursor (a frame beyond it is late, as in an underrun).
 *   After reading, it loads rewrite_seq again; a rewrite begun meanwhile must start at or
 *   after the claim.
 * - Host: store rewrite_from = rewrite_cursor = F, then rewrite_seq + 1 (odd), then
 *   (sequentially consistent) load read_claim. If F < read_claim the engine may be reading
 *   those frames: the host ends the rewrite at once (rewrite_seq + 1, nothing written) and
 *   may try again from a later F. Otherwise it writes frames F.. in order, moving
 *   rewrite_cursor past each piece once it is written, up to write_index (which it does not
 *   move meanwhile), and ends with rewrite_seq + 1 (even).
 * Either the engine sees the odd counter before it reads, or the host sees the claim
 * before it writes: a frame is never read while it is rewritten, and never read twice.
 * A host that breaks this (a cursor behind the read index while the counter is odd, a
 * rewrite begun inside the claim, a counter that goes back) is treated like impossible
 * indices: the note is faded out and counted in corruptions. */
typedef enum govox_voice_state {
    GOVOX_VOICE_FREE = 0,
    GOVOX_VOICE_STARTING = 1,
    GOVOX_VOICE_ACTIVE = 2,
    GOVOX_VOICE_RELEASING = 3,
    GOVOX_VOICE_FINISHED = 4,
    GOVOX_VOICE_STOP_REQUESTED = 5
} govox_voice_state;

/* What the engine does when a voice's ring runs dry before the voice has finished. A
 * RELEASING voice is always treated as LOW: the held notes keep their slots. */
typedef enum govox_priority {
    GOVOX_PRIORITY_LOW = 0, /* fade out and stop the voice */
    GOVOX_PRIORITY_HIGH = 1 /* play what is there, fade the gap, fade back in when data comes */
} govox_priority;

typedef struct govox_voice_slot {
    /* Line 0: host writes. */
    uint32_t write_index;       /* atomic: frames written so far, free-running */
    uint32_t state;             /* atomic: govox_voice_state, see the transitions above */
    uint32_t priority;          /* atomic: govox_priority, set before ACTIVE; the host may
                                   change it while the note sounds (read at an underrun) */
    uint32_t note;              /* MIDI note 0..127, set before ACTIVE */
    uint32_t velocity;          /* 1..127, set before ACTIVE */
    uint32_t channel;           /* MIDI channel 0..15, set before ACTIVE */
    uint32_t gain_bits;         /* atomic float bits: linear gain, the engine clamps to [0, 4] */
    uint32_t pan_bits;          /* atomic float bits: -1 left .. 0 centre .. +1 right */
    uint64_t start_frame;       /* atomic, set before ACTIVE: the engine frame at which the
                                   ring's first frame plays (see "Note starts" below) */
    uint32_t rewrite_seq;       /* atomic: odd while the host rewrites frames it had
                                   written (see "Rewrites" below); never goes back */
    uint32_t rewrite_from;      /* atomic, set before rewrite_seq turns odd: the first ring
                                   index (free-running, like write_index) rewritten */
    uint32_t rewrite_cursor;    /* atomic, while rewrite_seq is odd: frames before this index
                                   are final; rewrite_from <= rewrite_cursor <= write_index */
    uint8_t reserved0[12 + 64]; /* line 1: keeps the pair to the host */

    /* Line 2: engine writes. */
    uint32_t read_index;        /* atomic: frames consumed so far, free-running */
    uint32_t underruns;         /* atomic: blocks the ring could not fill while sounding */
    uint32_t nonfinite_blocks;  /* atomic: blocks that held NaN or Inf (voice was stopped) */
    uint32_t corruptions;       /* atomic: impossible indices or states seen (voice stopped) */
    uint32_t read_claim;        /* atomic: the engine reads no frame at or past this index
                                   until it moves it; read_index <= read_claim */
    uint8_t reserved1[44 + 64]; /* line 3: keeps the pair to the engine */
} govox_voice_slot;

/* ---------------------------------------------------------------------------------------
 * Parameters: descriptors host -> engine once at start, values engine -> host.
 */

typedef enum govox_param_curve {
    GOVOX_CURVE_LINEAR = 0,      /* control position maps linearly onto [min, max] */
    GOVOX_CURVE_EXPONENTIAL = 1, /* equal ratios per step, for frequencies and times */
    GOVOX_CURVE_DECIBEL = 2,     /* equal decibels per step, for gains */
    GOVOX_CURVE_STEPPED = 3      /* integers from min to max, for switches and choices */
} govox_param_curve;

typedef struct govox_param_desc {
    char name[GOVOX_NAME_LEN]; /* NUL-padded; the engine never trusts the terminator */
    char unit[GOVOX_UNIT_LEN]; /* "Hz", "s", "dB", "" */
    float min_value;
    float max_value;
    float default_value;
    uint32_t curve; /* govox_param_curve */
} govox_param_desc;

typedef struct govox_param_block {
    uint32_t count; /* host writes before READY: descriptors in use, <= GOVOX_MAX_PARAMS */
    uint8_t reserved0[60];
    govox_param_desc desc[GOVOX_MAX_PARAMS]; /* host writes before READY */
    uint32_t value_bits[GOVOX_MAX_PARAMS];   /* atomic float bits: host writes the defaults
                                                before READY, the engine writes after */
} govox_param_block;

/* ---------------------------------------------------------------------------------------
 * Host statistics, host writes (all atomic), engine and UI read.
 */

typedef struct govox_host_stats {
    uint64_t heartbeat;       /* incremented at least every 50 ms while the host lives */
    uint64_t heartbeat_ns;    /* CLOCK_MONOTONIC time of the last beat */
    uint64_t render_ns_last;  /* time spent rendering the last chunk */
    uint64_t render_ns_total; /* time spent rendering since start */
    uint64_t chunks_rendered;
    uint64_t frames_rendered;
    uint64_t gc_cycles;         /* completed GC cycles */
    uint64_t gc_pause_total_ns; /* stop-the-world pause time since start */
    uint64_t gc_pause_max_ns;   /* longest pause in the recent window */
    uint64_t gc_pause_p99_ns;   /* 99th percentile pause in the recent window */
    uint64_t heap_bytes;        /* live heap */
    uint64_t heap_goal_bytes;
    uint32_t goroutines;
    uint32_t active_voices;
    uint8_t reserved0[24];
} govox_host_stats;

/* ---------------------------------------------------------------------------------------
 * Layout helpers shared by every side so that they cannot disagree.
 */

typedef struct govox_layout {
    uint64_t event_queue_offset;
    uint64_t voices_offset;
    uint64_t rings_offset;
    uint64_t ring_stride_bytes;
    uint64_t params_offset;
    uint64_t host_stats_offset;
    uint64_t region_size;
} govox_layout;

typedef enum govox_layout_error {
    GOVOX_LAYOUT_OK = 0,
    GOVOX_LAYOUT_TOO_SMALL,       /* mapping smaller than a header */
    GOVOX_LAYOUT_BAD_MAGIC,       /* not a Govox region */
    GOVOX_LAYOUT_BAD_VERSION,     /* built against another ABI version */
    GOVOX_LAYOUT_BAD_STRUCT_SIZE, /* a struct size differs: compiler or packing mismatch */
    GOVOX_LAYOUT_BAD_VOICE_COUNT, /* voice_count outside 1..GOVOX_MAX_VOICES */
    GOVOX_LAYOUT_BAD_RING_SIZE,   /* ring capacity not a power of two in range */
    GOVOX_LAYOUT_BAD_CONSTANT,    /* channels, event or parameter capacity differ */
    GOVOX_LAYOUT_BAD_OFFSETS,     /* offsets differ from what the sizes imply */
    GOVOX_LAYOUT_SIZE_MISMATCH    /* region_size differs from the mapping's size */
} govox_layout_error;

/* Rounds up to a whole pair of lines: blocks start on a pair of their own. */
static inline uint64_t govox_align_line(uint64_t n) {
    return (n + GOVOX_LINE_PAIR - 1u) & ~(uint64_t)(GOVOX_LINE_PAIR - 1u);
}

static inline int govox_is_valid_ring_capacity(uint32_t frames) {
    return frames >= GOVOX_MIN_RING_FRAMES && frames <= GOVOX_MAX_RING_FRAMES &&
           (frames & (frames - 1u)) == 0u;
}

/* Computes where every block goes. The caller has checked voice_count and capacity. */
static inline govox_layout govox_layout_compute(uint32_t voice_count,
                                                uint32_t ring_capacity_frames) {
    govox_layout l;
    uint64_t at = govox_align_line(sizeof(govox_header));
    l.event_queue_offset = at;
    at = govox_align_line(at + sizeof(govox_event_queue));
    l.voices_offset = at;
    at = govox_align_line(at + (uint64_t)voice_count * sizeof(govox_voice_slot));
    l.rings_offset = at;
    l.ring_stride_bytes =
        govox_align_line((uint64_t)ring_capacity_frames * GOVOX_CHANNELS * sizeof(float));
    at = govox_align_line(at + (uint64_t)voice_count * l.ring_stride_bytes);
    l.params_offset = at;
    at = govox_align_line(at + sizeof(govox_param_block));
    l.host_stats_offset = at;
    at = govox_align_line(at + sizeof(govox_host_stats));
    l.region_size = at;
    return l;
}

/* Checks a mapped header against this build. mapped_size is what the caller mapped, not
 * what the header claims. Reads only the identity lines. */
static inline govox_layout_error govox_layout_validate(const govox_header* h,
                                                       uint64_t mapped_size) {
    govox_layout l;
    if (mapped_size < sizeof(govox_header)) return GOVOX_LAYOUT_TOO_SMALL;
    if (h->magic != GOVOX_ABI_MAGIC) return GOVOX_LAYOUT_BAD_MAGIC;
    if (h->abi_version != GOVOX_ABI_VERSION) return GOVOX_LAYOUT_BAD_VERSION;
    if (h->header_size != sizeof(govox_header) || h->event_size != sizeof(govox_event) ||
        h->event_queue_size != sizeof(govox_event_queue) ||
        h->voice_slot_size != sizeof(govox_voice_slot) ||
        h->param_block_size != sizeof(govox_param_block) ||
        h->host_stats_size != sizeof(govox_host_stats))
        return GOVOX_LAYOUT_BAD_STRUCT_SIZE;
    if (h->voice_count < 1u || h->voice_count > GOVOX_MAX_VOICES)
        return GOVOX_LAYOUT_BAD_VOICE_COUNT;
    if (!govox_is_valid_ring_capacity(h->ring_capacity_frames)) return GOVOX_LAYOUT_BAD_RING_SIZE;
    if (h->channels != GOVOX_CHANNELS || h->event_capacity != GOVOX_EVENT_CAPACITY ||
        h->param_capacity != GOVOX_MAX_PARAMS)
        return GOVOX_LAYOUT_BAD_CONSTANT;
    l = govox_layout_compute(h->voice_count, h->ring_capacity_frames);
    if (h->event_queue_offset != l.event_queue_offset || h->voices_offset != l.voices_offset ||
        h->rings_offset != l.rings_offset || h->ring_stride_bytes != l.ring_stride_bytes ||
        h->params_offset != l.params_offset || h->host_stats_offset != l.host_stats_offset)
        return GOVOX_LAYOUT_BAD_OFFSETS;
    if (h->region_size != l.region_size || mapped_size != l.region_size)
        return GOVOX_LAYOUT_SIZE_MISMATCH;
    return GOVOX_LAYOUT_OK;
}

static inline const char* govox_layout_error_text(govox_layout_error e) {
    switch (e) {
    case GOVOX_LAYOUT_OK: return "ok";
    case GOVOX_LAYOUT_TOO_SMALL: return "region is smaller than a Govox header";
    case GOVOX_LAYOUT_BAD_MAGIC: return "not a Govox region (wrong magic number)";
    case GOVOX_LAYOUT_BAD_VERSION: return "ABI version mismatch";
    case GOVOX_LAYOUT_BAD_STRUCT_SIZE: return "struct sizes differ from this build";
    case GOVOX_LAYOUT_BAD_VOICE_COUNT: return "voice count out of range";
    case GOVOX_LAYOUT_BAD_RING_SIZE: return "ring capacity is not a power of two in range";
    case GOVOX_LAYOUT_BAD_CONSTANT: return "channel, event or parameter capacity differs";
    case GOVOX_LAYOUT_BAD_OFFSETS: return "block offsets differ from the layout";
    case GOVOX_LAYOUT_SIZE_MISMATCH: return "region size differs from its layout";
    }
    return "unknown layout error";
}

/* The layout is part of the ABI: these sizes change only with GOVOX_ABI_VERSION. */
GOVOX_STATIC_ASSERT(sizeof(govox_header) == 5 * 64 + GOVOX_MESSAGE_LEN, "govox_header size");
GOVOX_STATIC_ASSERT(offsetof(govox_header, engine_frame) == 128, "engine line at 128");
GOVOX_STATIC_ASSERT(offsetof(govox_header, host_state) == 192, "host line at 192");
GOVOX_STATIC_ASSERT(offsetof(govox_header, wake_word) == 256, "wake word at 256");
GOVOX_STATIC_ASSERT(offsetof(govox_header, message) == 320, "message at 320");
GOVOX_STATIC_ASSERT(sizeof(govox_event) == 32, "govox_event size");
GOVOX_STATIC_ASSERT(sizeof(govox_index_line) == 128, "govox_index_line size");
GOVOX_STATIC_ASSERT(sizeof(govox_event_queue) == 256 + 32 * GOVOX_EVENT_CAPACITY,
                    "govox_event_queue size");
GOVOX_STATIC_ASSERT(sizeof(govox_voice_slot) == 256, "govox_voice_slot size");
GOVOX_STATIC_ASSERT(offsetof(govox_voice_slot, read_index) == 128, "reader pair at 128");
GOVOX_STATIC_ASSERT(offsetof(govox_voice_slot, start_frame) == 32, "start_frame at 32");
GOVOX_STATIC_ASSERT(offsetof(govox_voice_slot, rewrite_seq) == 40, "rewrite_seq at 40");
GOVOX_STATIC_ASSERT(offsetof(govox_voice_slot, rewrite_cursor) == 48, "rewrite_cursor at 48");
GOVOX_STATIC_ASSERT(offsetof(govox_voice_slot, read_claim) == 144, "read_claim at 144");
GOVOX_STATIC_ASSERT(offsetof(govox_header, rollback) == 216, "rollback at 216");
GOVOX_STATIC_ASSERT(sizeof(govox_param_desc) == 64, "govox_param_desc size");
GOVOX_STATIC_ASSERT(sizeof(govox_param_block) == 64 + 64 * GOVOX_MAX_PARAMS + 4 * GOVOX_MAX_PARAMS,
                    "govox_param_block size");
GOVOX_STATIC_ASSERT(sizeof(govox_host_stats) == 128, "govox_host_stats size");
GOVOX_STATIC_ASSERT((GOVOX_EVENT_CAPACITY & (GOVOX_EVENT_CAPACITY - 1u)) == 0,
                    "event capacity is a power of two");

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GOVOX_ABI_H */
