// The SPSC frame ring: wraparound of the free-running indices, bulk transfers, refusal
// of impossible indices, and a checked sequence between two threads and two processes.
#include "engine/rt/FrameRing.hpp"
#include "engine/rt/LocalFrameRing.hpp"
#include "engine/rt/RegionRing.hpp"
#include "engine/shm/Region.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using govox::rt::FrameRingReader;
using govox::rt::FrameRingWriter;
using govox::rt::LocalFrameRing;
using govox::rt::regionRing;

// Frame n carries n's bits on the left and ~n's on the right, so a torn, repeated or
// skipped frame cannot go unnoticed.
void fillSequence(std::vector<float>& buf, std::uint32_t first, std::uint32_t frames) {
    for (std::uint32_t i = 0; i < frames; ++i) {
        const std::uint32_t n = first + i, inv = ~n;
        std::memcpy(&buf[2 * i], &n, 4);
        std::memcpy(&buf[2 * i + 1], &inv, 4);
    }
}

// Index of the first frame that is not the expected sequence, or frames if all are.
std::uint32_t checkSequence(const float* buf, std::uint32_t first, std::uint32_t frames) {
    for (std::uint32_t i = 0; i < frames; ++i) {
        std::uint32_t l, r;
        std::memcpy(&l, &buf[2 * i], 4);
        std::memcpy(&r, &buf[2 * i + 1], 4);
        if (l != first + i || r != ~(first + i)) return i;
    }
    return frames;
}

TEST(FrameRing, BulkTransfersWrapAroundTheBufferAndTheIndexRange) {
    // Start 1000 frames before the 32-bit indices wrap, with odd block sizes so that
    // every transfer lands at a different place relative to the buffer's end.
    const std::uint32_t start = 0xFFFFFFFFu - 1000u;
    LocalFrameRing ring(64, start);
    FrameRingWriter w = ring.writer();
    FrameRingReader r = ring.reader();
    std::vector<float> in(2 * 64), out(2 * 64);
    std::uint32_t written = 0, read = 0;
    for (int round = 0; round < 500; ++round) {
        const std::uint32_t wantWrite = 1 + (round * 37) % 63;
        const std::uint32_t space = w.space();
        fillSequence(in, written, std::min(wantWrite, space));
        written += w.write(in.data(), std::min(wantWrite, space));
        const std::uint32_t wantRead = 1 + (round * 29) % 63;
        const std::uint32_t got = r.read(out.data(), wantRead);
        ASSERT_EQ(got, checkSequence(out.data(), read, got)) << "round " << round;
        read += got;
        EXPECT_EQ(written - read, 64u - w.space());
    }
    EXPECT_GT(read, 5000u);
    EXPECT_LT(r.position(), start); // the indices wrapped past 2^32
}

TEST(FrameRing, WriteStopsWhenFullAndReadWhenEmpty) {
    LocalFrameRing ring(64);
    FrameRingWriter w = ring.writer();
    FrameRingReader r = ring.reader();
    std::vector<float> buf(2 * 100, 1.0f);
    EXPECT_EQ(64u, w.write(buf.data(), 100));
    EXPECT_EQ(0u, w.write(buf.data(), 1));
    bool corrupt = true;
    EXPECT_EQ(64u, r.available(corrupt));
    EXPECT_FALSE(corrupt);
    EXPECT_EQ(64u, r.read(buf.data(), 100));
    EXPECT_EQ(0u, r.read(buf.data(), 1));
    EXPECT_EQ(64u, w.space());
}

TEST(FrameRing, ReaderRefusesAWriteIndexMoreThanARingAhead) {
    LocalFrameRing ring(64);
    FrameRingReader r = ring.reader();
    govox::rt::FrameRingView v = ring.view();
    bool corrupt = false;
    *v.writeIndex = 65; // claims 65 frames in a 64-frame ring
    EXPECT_EQ(0u, r.available(corrupt));
    EXPECT_TRUE(corrupt);
    *v.writeIndex = 0xFFFFFFF0u; // "behind" the reader: as unsigned, far ahead
    EXPECT_EQ(0u, r.available(corrupt));
    EXPECT_TRUE(corrupt);
    std::vector<float> buf(2 * 64);
    EXPECT_EQ(0u, r.read(buf.data(), 64));
    *v.writeIndex = 64;
    EXPECT_EQ(64u, r.available(corrupt));
    EXPECT_FALSE(corrupt);
}

TEST(FrameRing, WriterRefusesAnImpossibleReadIndex) {
    LocalFrameRing ring(64);
    FrameRingWriter w = ring.writer();
    *ring.view().readIndex = 10; // the reader claims to be ahead of the writer
    EXPECT_EQ(0u, w.space());
}

TEST(FrameRing, IndicesDoNotShareACacheLine) {
    LocalFrameRing ring(64);
    const govox::rt::FrameRingView v = ring.view();
    const auto a = reinterpret_cast<std::uintptr_t>(v.writeIndex) / 64;
    const auto b = reinterpret_cast<std::uintptr_t>(v.readIndex) / 64;
    EXPECT_NE(a, b);
}

// Moves `total` sequence frames from writer to reader in blocks of up to `block`;
// returns the number of frames that arrived intact and in order.
std::uint64_t pumpSequence(FrameRingWriter& w, FrameRingReader& r, std::uint64_t total,
                           std::uint32_t block, bool writerSide) {
    std::vector<float> buf(2 * std::size_t{block});
    std::uint64_t done = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (done < total && std::chrono::steady_clock::now() < deadline) {
        const auto want = static_cast<std::uint32_t>(std::min<std::uint64_t>(block, total - done));
        std::uint32_t n;
        if (writerSide) {
            fillSequence(buf, static_cast<std::uint32_t>(done), want);
            n = w.write(buf.data(), want);
        } else {
            n = r.read(buf.data(), want);
            if (checkSequence(buf.data(), static_cast<std::uint32_t>(done), n) != n) return done;
        }
        done += n;
        if (n == 0) std::this_thread::yield();
    }
    return done;
}

TEST(FrameRing, TwoThreadsMoveACheckedSequence) {
    LocalFrameRing ring(1024);
    FrameRingWriter w = ring.writer();
    FrameRingReader r = ring.reader();
    constexpr std::uint64_t kFrames = 2'000'000;
    std::thread producer([&] { pumpSequence(w, r, kFrames, 97, true); });
    const std::uint64_t received = pumpSequence(w, r, kFrames, 128, false);
    producer.join();
    EXPECT_EQ(kFrames, received);
}

TEST(FrameRing, TwoProcessesMoveTenMillionCheckedFramesThroughOneMemfd) {
    auto created = govox::shm::Region::create({.voiceCount = 1, .ringCapacityFrames = 4096});
    ASSERT_TRUE(created.region) << created.error;
    constexpr std::uint64_t kFrames = 10'000'000;
    const int fd = created.region->fd();
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child maps the memfd afresh, at an address of its own, as a voice host does.
        auto attached = govox::shm::Region::attach(fd);
        if (!attached.region) _exit(2);
        FrameRingWriter w(regionRing(*attached.region, 0), 0);
        FrameRingReader unused;
        _exit(pumpSequence(w, unused, kFrames, 128, true) == kFrames ? 0 : 1);
    }
    FrameRingReader r(regionRing(*created.region, 0), 0);
    FrameRingWriter unused;
    const std::uint64_t received = pumpSequence(unused, r, kFrames, 128, false);
    int status = 0;
    ASSERT_EQ(child, waitpid(child, &status, 0));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "producer status " << status;
    EXPECT_EQ(kFrames, received);
}

} // namespace
