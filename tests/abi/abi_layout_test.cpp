// The region a voice host attaches to must match this build exactly, and a mismatch must
// be refused with a message that names it.
#include "engine/abi/govox_abi.h"
#include "engine/shm/Region.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace {

using govox::shm::Region;
using govox::shm::RegionConfig;

RegionConfig small(std::uint32_t voices, std::uint32_t ring) {
    return {.voiceCount = voices,
            .ringCapacityFrames = ring,
            .ringTargetFrames = ring / 2,
            .maxBlockFrames = ring / 2};
}

// A memfd holding `bytes` copied from a valid region's start, sized `size`.
int forgedRegion(const Region& model, std::uint64_t size, void (*edit)(govox_header&)) {
    const int fd = memfd_create("forged", MFD_CLOEXEC);
    EXPECT_EQ(0, ftruncate(fd, static_cast<off_t>(size)));
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    std::memcpy(p, &model.header(), std::min<std::uint64_t>(size, sizeof(govox_header)));
    if (edit) edit(*static_cast<govox_header*>(p));
    munmap(p, size);
    return fd;
}

TEST(AbiLayout, OffsetsAreCacheLineAlignedAndOrdered) {
    const govox_layout l = govox_layout_compute(32, 4096);
    for (std::uint64_t off : {l.event_queue_offset, l.voices_offset, l.rings_offset,
                              l.ring_stride_bytes, l.params_offset, l.host_stats_offset})
        EXPECT_EQ(0u, off % GOVOX_CACHE_LINE);
    EXPECT_GE(l.event_queue_offset, sizeof(govox_header));
    EXPECT_GE(l.voices_offset, l.event_queue_offset + sizeof(govox_event_queue));
    EXPECT_GE(l.rings_offset, l.voices_offset + 32 * sizeof(govox_voice_slot));
    EXPECT_EQ(4096u * 2 * sizeof(float), l.ring_stride_bytes);
    EXPECT_GE(l.params_offset, l.rings_offset + 32 * l.ring_stride_bytes);
    EXPECT_GE(l.host_stats_offset, l.params_offset + sizeof(govox_param_block));
    EXPECT_GE(l.region_size, l.host_stats_offset + sizeof(govox_host_stats));
}

// Separate 128-byte pairs, not only separate lines: the spatial prefetcher fetches pairs.
TEST(AbiLayout, ReaderAndWriterIndicesSitOnSeparatePairsOfCacheLines) {
    EXPECT_EQ(0u, offsetof(govox_voice_slot, write_index) / 128);
    EXPECT_EQ(1u, offsetof(govox_voice_slot, read_index) / 128);
    EXPECT_EQ(0u, offsetof(govox_voice_slot, start_frame) / 128); // the host writes it
    EXPECT_EQ(0u, offsetof(govox_voice_slot, start_frame) % sizeof(std::uint64_t));
    // The rewrite handshake: the host's counter, first frame and cursor with its other
    // indices, the engine's claim with its read index.
    for (std::size_t host :
         {offsetof(govox_voice_slot, rewrite_seq), offsetof(govox_voice_slot, rewrite_from),
          offsetof(govox_voice_slot, rewrite_cursor)})
        EXPECT_EQ(0u, host / 128) << host;
    EXPECT_EQ(1u, offsetof(govox_voice_slot, read_claim) / 128);
    EXPECT_EQ(offsetof(govox_header, host_state) / 64, offsetof(govox_header, rollback) / 64)
        << "the host writes rollback: on its own line of the header";
    EXPECT_EQ(0u, offsetof(govox_event_queue, write) / 128);
    EXPECT_EQ(1u, offsetof(govox_event_queue, read) / 128);
    const govox_layout l = govox_layout_compute(8, 1024);
    for (std::uint64_t offset : {l.event_queue_offset, l.voices_offset, l.rings_offset,
                                 l.ring_stride_bytes, l.params_offset, l.host_stats_offset})
        EXPECT_EQ(0u, offset % 128) << offset;
}

TEST(AbiLayout, CreatedRegionAttachesFromItsDescriptor) {
    auto created = Region::create(small(8, 1024));
    ASSERT_TRUE(created.region) << created.error;
    auto attached = Region::attach(created.region->fd());
    ASSERT_TRUE(attached.region) << attached.error;
    EXPECT_EQ(8u, attached.region->voiceCount());
    EXPECT_EQ(1024u, attached.region->ringCapacity());
    // Two mappings of one memory: a write through one is seen through the other.
    created.region->voice(3).write_index = 77;
    EXPECT_EQ(77u, attached.region->voice(3).write_index);
    EXPECT_NE(&created.region->header(), &attached.region->header());
}

TEST(AbiLayout, BadConfigurationIsRefusedWithReason) {
    auto r = Region::create(small(8, 1000));
    EXPECT_FALSE(r.region);
    EXPECT_NE(std::string::npos, r.error.find("power of two")) << r.error;
    r = Region::create({.voiceCount = 8, .ringCapacityFrames = 256, .ringTargetFrames = 512});
    EXPECT_NE(std::string::npos, r.error.find("ring target")) << r.error;
    r = Region::create({.voiceCount = 0});
    EXPECT_NE(std::string::npos, r.error.find("voice count")) << r.error;
}

struct Mismatch {
    const char* name;
    void (*edit)(govox_header&);
    const char* expected;
};

class AttachRefuses : public ::testing::TestWithParam<Mismatch> {};

TEST_P(AttachRefuses, NamingTheProblem) {
    auto model = Region::create(small(4, 256));
    ASSERT_TRUE(model.region) << model.error;
    const int fd = forgedRegion(*model.region, model.region->size(), GetParam().edit);
    auto r = Region::attach(fd);
    close(fd);
    EXPECT_FALSE(r.region);
    EXPECT_NE(std::string::npos, r.error.find(GetParam().expected)) << r.error;
}

INSTANTIATE_TEST_SUITE_P(
    AbiLayout, AttachRefuses,
    ::testing::Values(
        Mismatch{"magic", [](govox_header& h) { h.magic = 0x12345678; }, "wrong magic"},
        Mismatch{"version", [](govox_header& h) { h.abi_version = 999; },
                 "ABI version mismatch (region has version 999, this build expects"},
        Mismatch{"struct", [](govox_header& h) { h.voice_slot_size = 96; }, "struct sizes"},
        Mismatch{"voices", [](govox_header& h) { h.voice_count = 1000; }, "voice count"},
        Mismatch{"ring", [](govox_header& h) { h.ring_capacity_frames = 300; }, "power of two"},
        Mismatch{"offsets", [](govox_header& h) { h.rings_offset += 64; }, "offsets"},
        Mismatch{"size", [](govox_header& h) { h.region_size += 4096; }, "region size"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(AbiLayout, AttachRefusesAMappingOfTheWrongSize) {
    auto model = Region::create(small(4, 256));
    ASSERT_TRUE(model.region) << model.error;
    const int fd = forgedRegion(*model.region, model.region->size() - 4096, nullptr);
    auto r = Region::attach(fd);
    close(fd);
    EXPECT_FALSE(r.region);
    EXPECT_NE(std::string::npos, r.error.find("region size differs")) << r.error;
}

TEST(AbiLayout, AttachRefusesSomethingSmallerThanAHeader) {
    const int fd = memfd_create("tiny", MFD_CLOEXEC);
    ASSERT_EQ(0, ftruncate(fd, 100));
    auto r = Region::attach(fd);
    close(fd);
    EXPECT_FALSE(r.region);
    EXPECT_NE(std::string::npos, r.error.find("smaller than a Govox header")) << r.error;
}

TEST(AbiLayout, CreatedRegionIsSealedAgainstShrinking) {
    auto r = Region::create(small(2, 256));
    ASSERT_TRUE(r.region) << r.error;
    EXPECT_NE(0, ftruncate(r.region->fd(), 4096)); // a host cannot pull the memory away
}

TEST(AbiLayout, HostMessageIsBoundedEvenWithoutTerminator) {
    auto r = Region::create(small(2, 256));
    ASSERT_TRUE(r.region) << r.error;
    std::memset(r.region->header().message, 'x', GOVOX_MESSAGE_LEN);
    EXPECT_EQ(GOVOX_MESSAGE_LEN, r.region->hostMessage().size());
}

} // namespace
