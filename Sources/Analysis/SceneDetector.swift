import Foundation

/// Finds hard cuts in a run of small RGB frames, as PySceneDetect's content detector does:
/// the frame-to-frame change in hue, saturation and value (the mean absolute difference per
/// channel on downscaled frames, averaged), with an adaptive test beside the fixed threshold
/// (a change several times the average change of the frames around it, as its adaptive
/// detector), a minimum scene length, and a check that the picture after the cut stays unlike
/// the picture before it: a flash (one or two bright frames, then the same shot) differs from
/// its neighbours but not from the frames around it, so it is not a cut. Fades change little
/// per frame and are not cuts either.
///
/// Pure Swift over buffers: frames come from Media's decoder (`SceneAnalysis` in App).
public struct SceneDetector: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Content change (0…255) at or above which a frame starts a scene (PySceneDetect's 27).
        public var threshold: Double = 27
        /// The adaptive test: a change this many times the average of the frames around it…
        public var adaptiveRatio: Double = 3
        /// …and at least this large (PySceneDetect's min_content_val 15).
        public var adaptiveMinimum: Double = 15
        /// Frames either side averaged for the adaptive test.
        public var window: Int = 2
        /// Shortest scene in frames (PySceneDetect's 15).
        public var minimumLength: Int = 15
        public init() {}
    }

    /// HSV planes of one downscaled frame (H 0…179 as OpenCV scales it, S and V 0…255).
    public struct Signature: Sendable {
        public let hue: [UInt8]
        public let saturation: [UInt8]
        public let value: [UInt8]

        /// From packed RGB24 bytes.
        public init(rgb: [UInt8]) {
            let count = rgb.count / 3
            var h = [UInt8](repeating: 0, count: count), s = h, v = h
            rgb.withUnsafeBufferPointer { p in
                for i in 0..<count {
                    let r = Int(p[3 * i]), g = Int(p[3 * i + 1]), b = Int(p[3 * i + 2])
                    let high = max(r, g, b), low = min(r, g, b), span = high - low
                    v[i] = UInt8(high)
                    s[i] = high == 0 ? 0 : UInt8((255 * span + high / 2) / high)
                    guard span > 0 else { continue }
                    var hue: Int  // degrees × 2 / 2: OpenCV's 0…179 scale
                    if high == r { hue = 30 * (g - b) / span }
                    else if high == g { hue = 60 + 30 * (b - r) / span }
                    else { hue = 120 + 30 * (r - g) / span }
                    if hue < 0 { hue += 180 }
                    h[i] = UInt8(min(179, hue))
                }
            }
            hue = h; saturation = s; value = v
        }

        /// The content change between two frames: mean |Δ| of H, S and V, averaged.
        public func difference(_ other: Signature) -> Double {
            func mean(_ a: [UInt8], _ b: [UInt8], circle: Int? = nil) -> Double {
                var total = 0
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        for i in 0..<min(a.count, b.count) {
                            let d = abs(Int(a[i]) - Int(b[i]))
                            total += circle.map { min(d, $0 - d) } ?? d
                        }
                    }
                }
                return Double(total) / Double(max(1, a.count))
            }
            // Hue is an angle: 179 and 0 are neighbours (PySceneDetect counts them 179 apart, so a
            // slow fade through red can look like a cut there).
            return (mean(hue, other.hue, circle: 180) + mean(saturation, other.saturation) + mean(value, other.value)) / 3
        }
    }

    public var settings: Settings
    public init(settings: Settings = Settings()) { self.settings = settings }

    /// The frame numbers that start a new scene (never 0), in order.
    public func cuts(_ frames: [Signature]) -> [Int] {
        var builder = SceneChanges.Builder()
        for frame in frames { builder.add(frame) }
        return cuts(builder.finish())
    }

    /// The same from the stored frame-to-frame changes (what is cached per media file).
    public func cuts(_ changes: SceneChanges) -> [Int] {
        let count = changes.frameCount
        guard count > 1 else { return [] }
        let change = [0] + (1..<count).map { changes.difference(at: $0, back: 1) }
        var cuts: [Int] = []
        var last = 0
        for j in 1..<count {
            let score = change[j]
            let neighbours = (max(1, j - settings.window)...min(count - 1, j + settings.window)).filter { $0 != j }
            let average = neighbours.isEmpty ? 0 : neighbours.reduce(0) { $0 + change[$1] } / Double(neighbours.count)
            // A cut stands out from the frames around it; fast motion changes every frame alike.
            let fixed = score >= settings.threshold && score >= 1.5 * average
            let adaptive = score >= settings.adaptiveMinimum && score >= settings.adaptiveRatio * max(average, 0.5)
            guard fixed || adaptive, j - last >= settings.minimumLength else { continue }
            // The pictures after the cut must stay unlike those before it (a flash returns to them).
            let floor = min(score, settings.threshold) / 2
            var stays = true
            check: for before in max(0, j - 3)..<j {
                for after in j..<min(count, j + 3) where changes.difference(at: after, back: after - before) < floor {
                    stays = false
                    break check
                }
            }
            guard stays else { continue }
            cuts.append(j)
            last = j
        }
        return cuts
    }
}

/// Per frame, its content change from each of the `depth` frames before it: everything the
/// detector reads, a few bytes a frame, so it is what is cached and any settings run on it at once.
public struct SceneChanges: Sendable, Equatable {
    public static let depth = 5
    public let frameCount: Int
    /// `differences[j * depth + m - 1]`: change from frame j − m to frame j (0 before the first frame).
    public let differences: [Float]

    public init(frameCount: Int, differences: [Float]) {
        precondition(differences.count == frameCount * Self.depth, "\(Self.depth) differences a frame")
        self.frameCount = frameCount
        self.differences = differences
    }

    public func difference(at frame: Int, back: Int) -> Double {
        guard back >= 1, back <= Self.depth, frame - back >= 0 else { return 0 }
        return Double(differences[frame * Self.depth + back - 1])
    }

    /// Takes frames in order, keeping only the last `depth` signatures.
    public struct Builder {
        private var recent: [SceneDetector.Signature] = []
        private var values: [Float] = []
        private var count = 0
        public init() {}

        public mutating func add(_ frame: SceneDetector.Signature) {
            for back in 1...SceneChanges.depth {
                values.append(back <= recent.count ? Float(frame.difference(recent[recent.count - back])) : 0)
            }
            recent.append(frame)
            if recent.count > SceneChanges.depth { recent.removeFirst() }
            count += 1
        }

        public func finish() -> SceneChanges { SceneChanges(frameCount: count, differences: values) }
    }
}
