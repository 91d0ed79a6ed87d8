#!/usr/bin/env python3
"""Tiny audio helpers for test-deb.sh, standard library only.

  audio_check.py midi OUT.mid   writes a one-second A minor chord (format 0, 120 bpm)
  audio_check.py peak IN.wav    prints the peak and RMS of a 32-bit float WAV (what
                                `govox render` writes); exits 1 if it is silent or holds
                                NaN/Inf, 2 if it is not such a WAV
  audio_check.py note N OUT.mid writes one note N held for a second
  audio_check.py freq IN.wav    prints the frequency of a steady tone (a sine) in the WAV's
                                left channel from 0.3 s to 0.9 s, from its rising zero
                                crossings (to a hundredth of a hertz)
"""
import array
import math
import struct
import sys


def write_chord(path):
    notes = (57, 60, 64)  # A3 C4 E4
    events = b"".join(bytes((0, 0x90, n, 100)) for n in notes)
    events += bytes((0x87, 0x40, 0x80, notes[0], 64))  # 960 ticks = 1 s later
    events += b"".join(bytes((0, 0x80, n, 64)) for n in notes[1:])
    events += bytes((0, 0xFF, 0x2F, 0))  # end of track
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, 480))
        f.write(b"MTrk" + struct.pack(">I", len(events)) + events)


def write_note(path, note):
    events = bytes((0, 0x90, note, 100)) + bytes((0x87, 0x40, 0x80, note, 64))
    events += bytes((0, 0xFF, 0x2F, 0))
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, 480))
        f.write(b"MTrk" + struct.pack(">I", len(events)) + events)


def tone_frequency(path, rate=48000):
    left = float_samples(path)[0::2][int(0.3 * rate):int(0.9 * rate)]
    crossings = [i - 1 + left[i - 1] / (left[i - 1] - left[i])
                 for i in range(1, len(left)) if left[i - 1] < 0 <= left[i]]
    if len(crossings) < 2:
        return 0.0
    return (len(crossings) - 1) * rate / (crossings[-1] - crossings[0])


def float_samples(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a RIFF WAVE file")
    pos, fmt, samples = 12, None, None
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if kind == b"fmt ":
            tag, _channels, _rate, _bytes_per_s, _align, bits = struct.unpack("<HHIIHH", body[:16])
            if tag == 0xFFFE:  # WAVE_FORMAT_EXTENSIBLE: the real tag opens the sub-format GUID
                tag = struct.unpack("<H", body[24:26])[0]
            fmt = (tag, bits)
        elif kind == b"data":
            samples = array.array("f", body[:len(body) // 4 * 4])
        pos += 8 + size + (size & 1)
    if fmt != (3, 32) or samples is None:
        raise ValueError(f"expected 32-bit float samples, found format {fmt}")
    if sys.byteorder != "little":
        samples.byteswap()
    return samples


def check_peak(path):
    try:
        samples = float_samples(path)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}")
        return 2
    if not samples or not all(math.isfinite(s) for s in samples):
        print(f"{path}: empty, or holds NaN/Inf")
        return 1
    peak = max(abs(s) for s in samples)
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    print(f"{path}: {len(samples)} samples, peak {peak:.3f}, RMS {rms:.4f}")
    return 0 if peak > 0.01 and rms > 0.001 else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "midi":
        write_chord(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "peak":
        sys.exit(check_peak(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "note":
        write_note(sys.argv[3], int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "freq":
        print(f"{tone_frequency(sys.argv[2]):.2f}")
    else:
        sys.exit(__doc__)
