// SharedAtomic.hpp - atomic access to plain fields of govox_abi.h from C++.
//
// The ABI header declares plain uint32_t/uint64_t fields so that C and Go can share it.
// C++ touches them only through std::atomic_ref, which is lock-free (and so address-free
// across processes) for these widths; the static_asserts make that a build error if a
// target ever disagrees. All functions are noexcept and safe on the audio thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>

namespace govox::abi {

static_assert(std::atomic_ref<std::uint32_t>::is_always_lock_free,
              "32-bit atomics must be lock-free to be shared between processes");
static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "64-bit atomics must be lock-free to be shared between processes");
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

template <class T>
inline T loadAcquire(const T& field) noexcept {
    return std::atomic_ref<T>(const_cast<T&>(field)).load(std::memory_order_acquire);
}

template <class T>
inline T loadRelaxed(const T& field) noexcept {
    return std::atomic_ref<T>(const_cast<T&>(field)).load(std::memory_order_relaxed);
}

template <class T>
inline void storeRelease(T& field, T value) noexcept {
    std::atomic_ref<T>(field).store(value, std::memory_order_release);
}

template <class T>
inline void storeRelaxed(T& field, T value) noexcept {
    std::atomic_ref<T>(field).store(value, std::memory_order_relaxed);
}

// The two halves of a store-then-load handshake between processes (govox_abi.h,
// "Rewrites"): with both sides sequentially consistent, at least one sees the other's store.
template <class T>
inline void storeSeqCst(T& field, T value) noexcept {
    std::atomic_ref<T>(field).store(value, std::memory_order_seq_cst);
}

template <class T>
inline T loadSeqCst(const T& field) noexcept {
    return std::atomic_ref<T>(const_cast<T&>(field)).load(std::memory_order_seq_cst);
}

template <class T>
inline T fetchAdd(T& field, T delta) noexcept {
    return std::atomic_ref<T>(field).fetch_add(delta, std::memory_order_acq_rel);
}

// Moves field from expected to desired; returns false (and leaves field alone) otherwise.
template <class T>
inline bool compareExchange(T& field, T expected, T desired) noexcept {
    return std::atomic_ref<T>(field).compare_exchange_strong(expected, desired,
                                                             std::memory_order_acq_rel);
}

// Float parameters and gains travel as their bit patterns in uint32_t fields.
inline float loadFloatBits(const std::uint32_t& field) noexcept {
    const std::uint32_t bits = loadAcquire(field);
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

inline void storeFloatBits(std::uint32_t& field, float value) noexcept {
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    storeRelease(field, bits);
}

} // namespace govox::abi
