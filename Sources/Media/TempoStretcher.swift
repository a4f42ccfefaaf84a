import CFFmpeg

/// Changes the tempo of sound without changing its pitch: libavfilter's `atempo` (WSOLA) in a
/// small filter graph, `abuffer → atempo… → aformat → abuffersink`, on interleaved Float32 at one
/// rate and channel count. One atempo instance takes 0.5…100 in FFmpeg 5.1, so slower tempos
/// chain several (¼ is `atempo=0.5,atempo=0.5`), as FFmpeg's documentation advises.
///
/// Stateful: feed consecutive input with `process` and the output comes out, delayed by the
/// filter's window (about 40 ms), in about input ÷ tempo frames.
public final class TempoStretcher {
    public let tempo: Double
    public var sampleRate: Int { graph.sampleRate }
    public var channels: Int { graph.channels }
    /// The atempo chain, run by the one libavfilter wrapper (`AudioFilterGraph`).
    private let graph: AudioFilterGraph

    /// The tempos one stage takes; the rest is split into a chain.
    public static func stages(for tempo: Double) -> [Double] {
        var left = tempo, out: [Double] = []
        while left < 0.5 { out.append(0.5); left /= 0.5 }
        while left > 100 { out.append(100); left /= 100 }
        out.append(left)
        return out
    }

    public init(tempo: Double, sampleRate: Int = 48_000, channels: Int = 2) throws(MediaError) {
        guard tempo.isFinite, tempo >= 0.01, tempo <= 1000 else {
            throw MediaError(.invalidRequest, path: "", reason: "a tempo of \(tempo) is out of range (0.01 to 1000)")
        }
        self.tempo = tempo
        graph = try AudioFilterGraph(chain: Self.stages(for: tempo).map { "atempo=tempo=\($0)" }.joined(separator: ","),
                                     sampleRate: sampleRate, channels: channels)
    }

    /// Feeds interleaved samples and returns whatever output is ready.
    public func process(_ interleaved: [Float]) throws(MediaError) -> [Float] { try graph.process(interleaved) }

    /// Ends the input and returns the rest of the output.
    public func finish() throws(MediaError) -> [Float] { try graph.finish() }
}
