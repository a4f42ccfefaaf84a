import CFFmpeg
import Foundation

/// Frames of a source to re-encode into a smart render or smart cut (the partial GOPs at each cut).
public struct ReencodeSpan: Sendable, Equatable {
    public var path: String
    /// Presentation times (source video time base) of the frames to encode, in display order.
    public var framePTS: [Int64]
    /// Added to a frame's time once rescaled to the output's video time base.
    public var videoShift: Int64
    /// How far decode times run behind presentation times in the copied packets around this
    /// span (the source's reorder delay), in the output's video time base: the re-encoded
    /// packets (no B-frames) keep the same lag so decode times stay continuous.
    public var decodeLag: Int64
    /// The last frame's duration in the output's video time base.
    public var lastFrameDuration: Int64

    public init(path: String, framePTS: [Int64], videoShift: Int64, decodeLag: Int64, lastFrameDuration: Int64) {
        self.path = path; self.framePTS = framePTS; self.videoShift = videoShift; self.decodeLag = decodeLag
        self.lastFrameDuration = lastFrameDuration
    }
}

/// libx264 set up to match a source H.264 stream (profile, level, size, pixel format, time
/// base) so its packets can sit between the source's in one stream. It writes no B-frames
/// (decode times then follow presentation times at a fixed lag) and numbers its SPS/PPS
/// `parameterSetID`, which the source does not use; both sets go into the output's avcC.
final class SmartCutEncoder {
    let parameters: UnsafeMutablePointer<AVCodecParameters>
    let timeBase: AVRational
    let parameterSetID: Int
    let path: String
    /// The constant quality of the re-encoded frames: the source's own when x264 wrote it in
    /// its version SEI ("crf=23.0"), so the cuts look like the frames around them; else 16.
    var crf = "16"

    init(matching parameters: UnsafeMutablePointer<AVCodecParameters>, timeBase: AVRational, parameterSetID: Int, path: String) {
        self.parameters = parameters
        self.timeBase = timeBase
        self.parameterSetID = parameterSetID
        self.path = path
    }

    /// A fresh encoder (each span is encoded and flushed on its own).
    func open() throws(MediaError) -> CodecContext {
        let encoder = try CodecContext.encoder(named: "libx264", path: path)
        let c = encoder.context, p = parameters.pointee
        c.pointee.width = p.width
        c.pointee.height = p.height
        c.pointee.pix_fmt = AVPixelFormat(rawValue: p.format)
        c.pointee.time_base = timeBase
        c.pointee.sample_aspect_ratio = p.sample_aspect_ratio
        c.pointee.max_b_frames = 0
        c.pointee.color_range = p.color_range
        c.pointee.colorspace = p.color_space
        c.pointee.color_primaries = p.color_primaries
        c.pointee.color_trc = p.color_trc
        c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        var options = ["preset": "veryfast", "crf": crf, "x264-params": "sps-id=\(parameterSetID)"]
        switch p.profile {
        case 66: options["profile"] = "baseline"
        case 77: options["profile"] = "main"
        case 100: options["profile"] = "high"
        case 110: options["profile"] = "high10"
        case 122: options["profile"] = "high422"
        case 244: options["profile"] = "high444"
        default: break
        }
        if p.level > 0 { options["level"] = String(format: "%d.%d", p.level / 10, p.level % 10) }
        try encoder.open(options: options)
        return encoder
    }

    /// The `crf=` x264 wrote into its version SEI in the first packets of `input`'s `stream`.
    static func sourceCRF(_ input: FormatInput, stream: Int) -> String? {
        let packet = Packet()
        var seen = 0
        while seen < 8, input.read(into: packet) == .packet {
            defer { packet.unref() }
            guard packet.streamIndex == stream, let data = packet.pointer.pointee.data else { continue }
            seen += 1
            let bytes = Array(UnsafeBufferPointer(start: data, count: Int(packet.pointer.pointee.size)))
            guard let text = String(bytes: bytes.map { $0 < 128 ? $0 : 32 }, encoding: .ascii),
                  let sei = text.range(of: "x264 - core "), let found = text.range(of: " crf=", range: sei.upperBound..<text.endIndex) else { continue }
            let value = text[found.upperBound...].prefix { $0.isNumber || $0 == "." }
            if let crf = Double(value), crf >= 0, crf <= 51 { return String(crf) }
        }
        return nil
    }

    /// The encoder's SPS and PPS (from its global header, Annex B).
    func parameterSets() throws(MediaError) -> (sps: [UInt8], pps: [UInt8]) {
        let encoder = try open()
        let c = encoder.context.pointee
        guard let extradata = c.extradata, c.extradata_size > 0 else {
            throw MediaError(.encodeFailed, path: path, reason: "libx264 gave no parameter sets")
        }
        let bytes = UnsafeBufferPointer(start: extradata, count: Int(c.extradata_size))
        var sps: [UInt8]?, pps: [UInt8]?
        for unit in AVCConfiguration.units(annexB: bytes) where !unit.isEmpty {
            let type = bytes[unit.lowerBound] & 0x1F
            if type == 7 { sps = Array(bytes[unit]) } else if type == 8 { pps = Array(bytes[unit]) }
        }
        guard let sps, let pps else { throw MediaError(.encodeFailed, path: path, reason: "libx264's header holds no SPS/PPS") }
        return (sps, pps)
    }

    /// Decodes `span`'s frames from `source` and writes them re-encoded to `writer`'s stream
    /// `stream`, length-prefixed for MP4; `lastDTS` carries the stream's last decode time.
    func encode(_ span: ReencodeSpan, from source: VideoSource, lengthSize: Int, writer: MediaWriter, stream: Int,
                lastDTS: inout Int64, cancelled: () -> Bool) throws(MediaError) -> Int {
        let encoder = try open()
        let sourceBase = source.stream.timeBase.avRational
        var written = 0
        var durations: [Int64: Int64] = [:]
        let packet = Packet()
        func drain() throws(MediaError) {
            while try encoder.receive(packet: packet) == .ready {
                defer { packet.unref() }
                let p = packet.pointer
                guard let data = p.pointee.data else { continue }
                let framed = AVCConfiguration.lengthPrefixed(annexB: UnsafeBufferPointer(start: data, count: Int(p.pointee.size)),
                                                             lengthSize: lengthSize)
                let out = Packet()
                guard av_new_packet(out.pointer, Int32(framed.count)) >= 0 else {
                    throw MediaError(.encodeFailed, path: path, reason: "out of memory for a packet")
                }
                framed.withUnsafeBufferPointer { out.pointer.pointee.data.update(from: $0.baseAddress!, count: framed.count) }
                out.pointer.pointee.flags = p.pointee.flags
                out.pointer.pointee.pts = p.pointee.pts
                var dts = p.pointee.pts - span.decodeLag
                if dts <= lastDTS { dts = lastDTS + 1 }
                guard dts <= p.pointee.pts else {
                    throw MediaError(.encodeFailed, path: path, reason: "re-encoded frames would overlap the copied ones in decode order")
                }
                out.pointer.pointee.dts = dts
                lastDTS = dts
                out.pointer.pointee.duration = durations.removeValue(forKey: p.pointee.pts) ?? p.pointee.duration
                try writer.write(out, stream: stream)
                written += 1
            }
        }
        // The next frame decodes on another core while this one is encoded (bench export (b):
        // decoding was 40 % of a smart render's work, and the encoder waited for it).
        let ahead = FrameAhead(source)
        defer { ahead.finish() }
        if let first = span.framePTS.first { ahead.request(first) }
        for (n, pts) in span.framePTS.enumerated() {
            if cancelled() { throw MediaError(.invalidRequest, path: path, reason: "cancelled") }
            let picture = try ahead.take()
            if n + 1 < span.framePTS.count { ahead.request(span.framePTS[n + 1]) }
            let frame = Frame()
            guard av_frame_ref(frame.pointer, picture.pointer) >= 0 else {
                throw MediaError(.encodeFailed, path: path, reason: "out of memory for a frame")
            }
            frame.pointer.pointee.pict_type = n == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE
            frame.pointer.pointee.pts = av_rescale_q(pts, sourceBase, timeBase) + span.videoShift
            let next = n + 1 < span.framePTS.count ? av_rescale_q(span.framePTS[n + 1], sourceBase, timeBase) + span.videoShift
                                                   : frame.pointer.pointee.pts + span.lastFrameDuration
            durations[frame.pointer.pointee.pts] = max(1, next - frame.pointer.pointee.pts)
            try encoder.send(frame: frame)
            try drain()
        }
        try encoder.send(frame: nil)
        try drain()
        return written
    }
}

/// Decodes one frame ahead of its caller on a serial queue of its own. One request is
/// outstanding at a time, so the source is only ever used by one thread at once; `finish`
/// waits for it before the source is used elsewhere. Reviewed as `@unchecked Sendable`:
/// `result` is written on the queue before `ready` is signalled and read after waiting on it.
private final class FrameAhead: @unchecked Sendable {
    private let source: VideoSource
    private let queue = DispatchQueue(label: "termcut.smart-render.decode")
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<VideoFrame, MediaError>?

    init(_ source: VideoSource) { self.source = source }

    func request(_ pts: Int64) {
        queue.async { [self] in
            do throws(MediaError) {
                result = .success(try source.frame(atTimestamp: pts))
            } catch {
                result = .failure(error)
            }
            ready.signal()
        }
    }

    func take() throws(MediaError) -> VideoFrame {
        ready.wait()
        defer { result = nil }
        return try result!.get()
    }

    func finish() { queue.sync {} }
}
