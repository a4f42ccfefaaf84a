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
    public let sampleRate: Int
    public let channels: Int
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private let source: UnsafeMutablePointer<AVFilterContext>
    private let sink: UnsafeMutablePointer<AVFilterContext>
    private var pts: Int64 = 0

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
        self.tempo = tempo; self.sampleRate = sampleRate; self.channels = channels
        guard let graph = avfilter_graph_alloc() else { throw MediaError(.decodeFailed, path: "", reason: "avfilter_graph_alloc failed") }
        self.graph = graph
        func make(_ name: String, _ label: String, _ args: String?) throws(MediaError) -> UnsafeMutablePointer<AVFilterContext> {
            var context: UnsafeMutablePointer<AVFilterContext>?
            let status = avfilter_graph_create_filter(&context, avfilter_get_by_name(name), label, args, nil, graph)
            guard status >= 0, let context else {
                throw MediaError(.decodeFailed, path: "", reason: "cannot make the \(name) filter (\(libavErrorText(status)))")
            }
            return context
        }
        let layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : "\(channels)c"
        do throws(MediaError) {
            source = try make("abuffer", "in", "sample_rate=\(sampleRate):sample_fmt=flt:channel_layout=\(layout):time_base=1/\(sampleRate)")
            sink = try make("abuffersink", "out", nil)
            var chain = [source]
            for (i, stage) in Self.stages(for: tempo).enumerated() {
                chain.append(try make("atempo", "tempo\(i)", "tempo=\(stage)"))
            }
            chain.append(try make("aformat", "format", "sample_fmts=flt:sample_rates=\(sampleRate):channel_layouts=\(layout)"))
            chain.append(sink)
            for (a, b) in zip(chain, chain.dropFirst()) {
                let status = avfilter_link(a, 0, b, 0)
                guard status >= 0 else { throw MediaError(.decodeFailed, path: "", reason: "cannot link atempo's graph (\(libavErrorText(status)))") }
            }
            let status = avfilter_graph_config(graph, nil)
            guard status >= 0 else { throw MediaError(.decodeFailed, path: "", reason: "cannot configure atempo's graph (\(libavErrorText(status)))") }
        } catch {
            avfilter_graph_free(&self.graph)
            throw error
        }
    }

    deinit { avfilter_graph_free(&graph) }

    /// Feeds interleaved samples and returns whatever output is ready.
    public func process(_ interleaved: [Float]) throws(MediaError) -> [Float] {
        let frames = interleaved.count / channels
        if frames > 0 {
            let frame = Frame()
            let f = frame.pointer
            f.pointee.format = AV_SAMPLE_FMT_FLT.rawValue
            f.pointee.sample_rate = Int32(sampleRate)
            av_channel_layout_default(&f.pointee.ch_layout, Int32(channels))
            f.pointee.nb_samples = Int32(frames)
            f.pointee.pts = pts
            pts += Int64(frames)
            guard av_frame_get_buffer(f, 0) >= 0, let data = f.pointee.data.0 else {
                throw MediaError(.decodeFailed, path: "", reason: "out of memory for a sound frame")
            }
            interleaved.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(data).copyMemory(from: bytes.baseAddress!, byteCount: frames * channels * 4)
            }
            let status = av_buffersrc_add_frame_flags(source, f, 0)
            guard status >= 0 else { throw MediaError(.decodeFailed, path: "", reason: "atempo refused sound (\(libavErrorText(status)))") }
        }
        return drain()
    }

    /// Ends the input and returns the rest of the output.
    public func finish() throws(MediaError) -> [Float] {
        let status = av_buffersrc_add_frame_flags(source, nil, 0)
        guard status >= 0 else { throw MediaError(.decodeFailed, path: "", reason: "atempo would not flush (\(libavErrorText(status)))") }
        return drain()
    }

    private func drain() -> [Float] {
        var out: [Float] = []
        let frame = Frame()
        while av_buffersink_get_frame(sink, frame.pointer) >= 0 {
            let f = frame.pointer
            let count = Int(f.pointee.nb_samples) * channels
            if let data = f.pointee.data.0, count > 0 {
                data.withMemoryRebound(to: Float.self, capacity: count) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
            }
            av_frame_unref(f)
        }
        return out
    }
}
