import CFFmpeg

/// Runs interleaved Float32 sound through any libavfilter audio chain given as FFmpeg's filter
/// text (`highpass=f=80,afftdn=nr=12`): `abuffer → chain → aformat(flt) → abuffersink`. The
/// same text on the `ffmpeg -af` command line gives the same samples, which is how tests check it.
///
/// Stateful: feed consecutive input with `process`. Some filters hold sound back (afftdn keeps
/// a window), so the output lags; `latency` measures that lag once per chain, rate and channel
/// count by sending a click through a fresh copy, and `AudioFilterGraph(…, compensating: true)`
/// drops it so output sample k belongs to input sample k.
public final class AudioFilterGraph {
    public let chain: String
    public let sampleRate: Int
    public let channels: Int
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private let source: UnsafeMutablePointer<AVFilterContext>
    private let sink: UnsafeMutablePointer<AVFilterContext>
    private var pts: Int64 = 0
    /// Output samples per channel still to drop to cancel the chain's lag.
    private var toDrop: Int

    public init(chain: String, sampleRate: Int = 48_000, channels: Int = 2, compensating: Bool = false) throws(MediaError) {
        self.chain = chain; self.sampleRate = sampleRate; self.channels = max(1, channels)
        toDrop = 0
        guard let graph = avfilter_graph_alloc() else { throw MediaError(.decodeFailed, path: "", reason: "avfilter_graph_alloc failed") }
        self.graph = graph
        let layout = self.channels == 1 ? "mono" : self.channels == 2 ? "stereo" : "\(self.channels)c"
        func make(_ name: String, _ label: String, _ args: String?) throws(MediaError) -> UnsafeMutablePointer<AVFilterContext> {
            var context: UnsafeMutablePointer<AVFilterContext>?
            let status = avfilter_graph_create_filter(&context, avfilter_get_by_name(name), label, args, nil, graph)
            guard status >= 0, let context else {
                throw MediaError(.decodeFailed, path: "", reason: "cannot make the \(name) filter (\(libavErrorText(status)))")
            }
            return context
        }
        do throws(MediaError) {
            source = try make("abuffer", "in", "sample_rate=\(sampleRate):sample_fmt=flt:channel_layout=\(layout):time_base=1/\(sampleRate)")
            sink = try make("abuffersink", "out", nil)
            // The chain's open input is fed by `in`, its open output feeds `out`.
            var outputs = avfilter_inout_alloc(), inputs = avfilter_inout_alloc()
            // parse_ptr takes both lists over and leaves in them what it could not link (freed here).
            defer { avfilter_inout_free(&outputs); avfilter_inout_free(&inputs) }
            guard let o = outputs, let i = inputs else { throw MediaError(.decodeFailed, path: "", reason: "out of memory for a filter graph") }
            o.pointee.name = av_strdup("in"); o.pointee.filter_ctx = source; o.pointee.pad_idx = 0; o.pointee.next = nil
            i.pointee.name = av_strdup("out"); i.pointee.filter_ctx = sink; i.pointee.pad_idx = 0; i.pointee.next = nil
            let text = "\(chain.isEmpty ? "anull" : chain),aformat=sample_fmts=flt:sample_rates=\(sampleRate):channel_layouts=\(layout)"
            let parsed = avfilter_graph_parse_ptr(graph, text, &inputs, &outputs, nil)
            guard parsed >= 0 else { throw MediaError(.invalidRequest, path: "", reason: "libavfilter refused \"\(chain)\" (\(libavErrorText(parsed)))") }
            let status = avfilter_graph_config(graph, nil)
            guard status >= 0 else { throw MediaError(.invalidRequest, path: "", reason: "cannot configure \"\(chain)\" (\(libavErrorText(status)))") }
        } catch {
            avfilter_graph_free(&self.graph)
            throw error
        }
        if compensating { toDrop = try Self.latency(chain: chain, sampleRate: sampleRate, channels: self.channels) }
    }

    deinit { avfilter_graph_free(&graph) }

    private static let latencyLock = Locked<[String: Int]>([:])

    /// How many samples the chain holds back: where a click comes out of a fresh copy of it.
    /// A linear chain (a biquad) answers 0; afftdn answers its window's hop.
    public static func latency(chain: String, sampleRate: Int, channels: Int) throws(MediaError) -> Int {
        let key = "\(chain)|\(sampleRate)|\(channels)"
        if let known = latencyLock.withLock({ $0[key] }) { return known }
        let probe = try AudioFilterGraph(chain: chain, sampleRate: sampleRate, channels: channels)
        let length = sampleRate / 2
        var click = [Float](repeating: 0, count: length * channels)
        // A click well inside the probe, after the filter has settled on silence.
        let at = length / 4
        for c in 0..<channels { click[at * channels + c] = 0.5 }
        var out = try probe.process(click)
        out += try probe.process([Float](repeating: 0, count: length * channels))
        var best = 0, bestValue: Float = -1
        for i in 0..<(out.count / channels) where abs(out[i * channels]) > bestValue {
            bestValue = abs(out[i * channels]); best = i
        }
        // A filter that removes the click entirely (a high-pass at a very high frequency) still
        // rings at the click; a flat answer means no lag.
        let lag = bestValue > 0 ? max(0, best - at) : 0
        latencyLock.withLock { $0[key] = lag }
        return lag
    }

    /// Feeds interleaved samples and returns whatever output is ready (lag dropped if compensating).
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
            guard status >= 0 else { throw MediaError(.decodeFailed, path: "", reason: "\(chain) refused sound (\(libavErrorText(status)))") }
        }
        return drain()
    }

    /// Ends the input and returns the rest of the output.
    public func finish() throws(MediaError) -> [Float] {
        let status = av_buffersrc_add_frame_flags(source, nil, 0)
        guard status >= 0 else { throw MediaError(.decodeFailed, path: "", reason: "\(chain) would not flush (\(libavErrorText(status)))") }
        return drain()
    }

    private func drain() -> [Float] {
        var out: [Float] = []
        let frame = Frame()
        while av_buffersink_get_frame(sink, frame.pointer) >= 0 {
            let f = frame.pointer
            let frames = Int(f.pointee.nb_samples)
            let skip = min(toDrop, frames)
            toDrop -= skip
            let count = (frames - skip) * channels
            if let data = f.pointee.data.0, count > 0 {
                data.withMemoryRebound(to: Float.self, capacity: frames * channels) {
                    out.append(contentsOf: UnsafeBufferPointer(start: $0 + skip * channels, count: count))
                }
            }
            av_frame_unref(f)
        }
        return out
    }
}
