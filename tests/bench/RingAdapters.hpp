// RingAdapters.hpp - govox's FrameRing, jack_ringbuffer and boost::lockfree::spsc_queue
// behind one byte-oriented interface, for the ring benchmark.
//
// Each adapter owns a ring of the same capacity (4096 stereo float frames, 32 KiB) and
// hands out a producer and a consumer. push/pop move up to `bytes` bytes and return how
// many they moved, using each library's bulk call once: FrameRingWriter::write and
// FrameRingReader::read, jack_ringbuffer_write/read, spsc_queue::push/pop of a range.
// Govox moves whole frames and boost whole floats; callers ask for multiples of a frame.
//
// Threads: one thread uses the producer, one other thread the consumer.
#pragma once

#include "engine/rt/LocalFrameRing.hpp"

#include <boost/lockfree/spsc_queue.hpp>
#include <jack/ringbuffer.h>

#include <cstddef>
#include <cstdint>

namespace govox::bench {

inline constexpr std::uint32_t kRingFrames = 4096;
inline constexpr std::size_t kFrameBytes = rt::kChannels * sizeof(float);
inline constexpr std::size_t kRingBytes = std::size_t{kRingFrames} * kFrameBytes;

class GovoxRing {
public:
    struct Producer {
        rt::FrameRingWriter writer;
        std::size_t push(const char* src, std::size_t bytes) noexcept {
            const auto frames = static_cast<std::uint32_t>(bytes / kFrameBytes);
            return writer.write(reinterpret_cast<const float*>(src), frames) * kFrameBytes;
        }
    };
    struct Consumer {
        rt::FrameRingReader reader;
        std::size_t pop(char* dst, std::size_t bytes) noexcept {
            const auto frames = static_cast<std::uint32_t>(bytes / kFrameBytes);
            return reader.read(reinterpret_cast<float*>(dst), frames) * kFrameBytes;
        }
    };

    Producer producer() { return {ring_.writer()}; }
    Consumer consumer() { return {ring_.reader()}; }

private:
    rt::LocalFrameRing ring_{kRingFrames};
};

// jack_ringbuffer_create rounds up to a power of two and keeps one byte free: 32767 bytes.
class JackRing {
public:
    JackRing() : rb_(jack_ringbuffer_create(kRingBytes)) {}
    ~JackRing() { jack_ringbuffer_free(rb_); }
    JackRing(const JackRing&) = delete;
    JackRing& operator=(const JackRing&) = delete;

    struct Producer {
        jack_ringbuffer_t* rb;
        std::size_t push(const char* src, std::size_t bytes) noexcept {
            return jack_ringbuffer_write(rb, src, bytes);
        }
    };
    struct Consumer {
        jack_ringbuffer_t* rb;
        std::size_t pop(char* dst, std::size_t bytes) noexcept {
            return jack_ringbuffer_read(rb, dst, bytes);
        }
    };

    Producer producer() { return {rb_}; }
    Consumer consumer() { return {rb_}; }

private:
    jack_ringbuffer_t* rb_;
};

// The run-time sized queue, as `spsc_queue<float>` is declared; it holds exactly 8192 floats.
class BoostRing {
public:
    using Queue = boost::lockfree::spsc_queue<float>;

    struct Producer {
        Queue* q;
        std::size_t push(const char* src, std::size_t bytes) noexcept {
            return q->push(reinterpret_cast<const float*>(src), bytes / sizeof(float)) *
                   sizeof(float);
        }
    };
    struct Consumer {
        Queue* q;
        std::size_t pop(char* dst, std::size_t bytes) noexcept {
            return q->pop(reinterpret_cast<float*>(dst), bytes / sizeof(float)) * sizeof(float);
        }
    };

    Producer producer() { return {&queue_}; }
    Consumer consumer() { return {&queue_}; }

private:
    Queue queue_{kRingBytes / sizeof(float)};
};

} // namespace govox::bench
