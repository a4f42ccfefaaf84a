import CFFmpeg

/// How a video stream's frames are spaced: keyframe distance and whether the frame rate
/// varies. Found from packet headers alone (no decoding), because users need to know
/// both on import: cuts without re-encoding land on keyframes, and variable frame rate
/// footage drifts out of sync in tools that assume a constant rate.
struct FrameCadence: Equatable {
    var keyframeInterval: Int?
    var isVariableFrameRate: Bool?

    /// Reads the packets of stream `streamIndex` from where `input` stands, up to
    /// `maxPackets` of them or `maxSeconds` of stream time, and measures the cadence.
    static func scan(_ input: FormatInput, streamIndex: Int, maxPackets: Int = 2000, maxSeconds: Double = 30) -> FrameCadence {
        let stream = input.stream(streamIndex)
        let timeBase = stream.pointee.time_base
        let limitTicks = timeBase.num > 0 ? Int64(maxSeconds * Double(timeBase.den) / Double(timeBase.num)) : Int64.max
        var saved: [AVDiscard] = []
        for other in 0..<input.streamCount {
            saved.append(input.stream(other).pointee.discard)
            if other != streamIndex { input.stream(other).pointee.discard = AVDISCARD_ALL }
        }
        defer {
            for other in 0..<input.streamCount { input.stream(other).pointee.discard = saved[other] }
        }

        let packet = Packet()
        var timestamps: [Int64?] = []
        var keyframes: [Bool] = []
        var first: Int64?
        var totalRead = 0
        while timestamps.count < maxPackets, totalRead < maxPackets * 8, input.read(into: packet) == .packet {
            totalRead += 1
            defer { packet.unref() }
            guard packet.streamIndex == streamIndex else { continue }
            let time = packet.pts ?? packet.dts
            if let time {
                if first == nil { first = time }
                if let first, time - first > limitTicks { break }
            }
            timestamps.append(time)
            keyframes.append(packet.isKeyframe)
        }
        return measure(timestamps: timestamps, keyframes: keyframes)
    }

    /// The cadence of packets given in decode order: their presentation timestamps
    /// (`nil` where the container gives none) and keyframe flags.
    static func measure(timestamps: [Int64?], keyframes: [Bool]) -> FrameCadence {
        var cadence = FrameCadence()

        let keyPositions = keyframes.indices.filter { keyframes[$0] }
        if keyPositions.count >= 2 {
            let gaps = zip(keyPositions.dropFirst(), keyPositions).map { $0 - $1 }
            cadence.keyframeInterval = median(gaps)
        }

        let displayTimes = Array(Set(timestamps.compactMap { $0 })).sorted()
        let deltas = zip(displayTimes.dropFirst(), displayTimes).map { $0 - $1 }
        guard deltas.count >= 2 else { return cadence }
        let frame = Double(median(deltas))
        // A constant-rate stream has deltas of one frame (a whole number of frames where
        // frames were dropped or timestamps are missing), give or take the rounding of
        // the frame duration to the time base: one tick plus 2 % per frame.
        let irregular = deltas.contains { delta in
            let frames = (Double(delta) / frame).rounded()
            guard frames >= 1 else { return true }
            return abs(Double(delta) - frames * frame) > 1.0 + 0.02 * frame * frames
        }
        cadence.isVariableFrameRate = irregular
        return cadence
    }
}

func median<T: Comparable>(_ values: [T]) -> T {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}
