/// Adds one clip's decoded sound, levelled and panned, into the stereo mix: the mixer's inner
/// loop, over raw pointers so no per-sample bounds check, optional or closure is left in it, and
/// four stereo frames at a time in SIMD lanes for the common case (an interleaved stereo source).
enum MixAccumulator {
    /// Adds `frames` frames of `input` (interleaved, `channels` per frame) into `out` (interleaved
    /// stereo): left × `left` and right × `right`, each times `envelope[i]` when there is one.
    /// `picked` plays that one channel on both sides (nothing when the source lacks it); a mono
    /// source plays on both sides.
    static func add(_ input: UnsafePointer<Float>, channels: Int, picked: Int?, frames: Int,
                    left: Float, right: Float, envelope: UnsafePointer<Float>?, into out: UnsafeMutablePointer<Float>) {
        guard frames > 0, channels > 0 else { return }
        if picked == nil, channels == 2 {
            addStereo(input, frames: frames, left: left, right: right, envelope: envelope, into: out)
            return
        }
        // Where each side reads within a frame.
        let l: Int, r: Int
        if let picked {
            guard picked < channels else { return }  // the file lacks that channel: silence
            (l, r) = (picked, picked)
        } else {
            (l, r) = (0, channels > 1 ? 1 : 0)
        }
        for i in 0..<frames {
            let gain = envelope?[i] ?? 1
            out[2 * i] += input[i * channels + l] * left * gain
            out[2 * i + 1] += input[i * channels + r] * right * gain
        }
    }

    private static func addStereo(_ input: UnsafePointer<Float>, frames: Int, left: Float, right: Float,
                                  envelope: UnsafePointer<Float>?, into out: UnsafeMutablePointer<Float>) {
        let gains = SIMD8<Float>(left, right, left, right, left, right, left, right)
        let source = UnsafeRawPointer(input), target = UnsafeMutableRawPointer(out)
        let width = MemoryLayout<SIMD8<Float>>.size
        var i = 0
        if let envelope {
            let shape = UnsafeRawPointer(envelope)
            while i + 4 <= frames {
                let e = shape.loadUnaligned(fromByteOffset: i * 4, as: SIMD4<Float>.self)
                let spread = SIMD8<Float>(e[0], e[0], e[1], e[1], e[2], e[2], e[3], e[3])
                let x = source.loadUnaligned(fromByteOffset: i / 4 * width, as: SIMD8<Float>.self)
                let sum = target.loadUnaligned(fromByteOffset: i / 4 * width, as: SIMD8<Float>.self) + x * gains * spread
                target.storeBytes(of: sum, toByteOffset: i / 4 * width, as: SIMD8<Float>.self)
                i += 4
            }
        } else {
            while i + 4 <= frames {
                let x = source.loadUnaligned(fromByteOffset: i / 4 * width, as: SIMD8<Float>.self)
                let sum = target.loadUnaligned(fromByteOffset: i / 4 * width, as: SIMD8<Float>.self) + x * gains
                target.storeBytes(of: sum, toByteOffset: i / 4 * width, as: SIMD8<Float>.self)
                i += 4
            }
        }
        while i < frames {
            let gain = envelope?[i] ?? 1
            out[2 * i] += input[2 * i] * left * gain
            out[2 * i + 1] += input[2 * i + 1] * right * gain
            i += 1
        }
    }
}
