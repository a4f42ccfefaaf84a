import CFFmpeg
import Foundation

/// One stretch of a source whose packets go, unchanged, into a stream copy.
public struct CopySpan: Sendable, Equatable {
    public var path: String
    /// Decode times (source video time base) of the first and last video packet to take;
    /// nil for a span that carries only sound (under re-encoded pictures).
    public var videoDTS: ClosedRange<Int64>?
    /// Video packets shown before this time (an open GOP's leading pictures, which need the
    /// previous GOP) are left out.
    public var videoFirstPTS: Int64
    /// Added to a video timestamp once rescaled to the output's video time base.
    public var videoShift: Int64
    /// Presentation times (source audio time base) of the first and last audio packet to take.
    public var audioPTS: ClosedRange<Int64>?
    /// Added to an audio timestamp once rescaled to the output's audio time base.
    public var audioShift: Int64

    public init(path: String, videoDTS: ClosedRange<Int64>?, videoFirstPTS: Int64, videoShift: Int64,
                audioPTS: ClosedRange<Int64>?, audioShift: Int64) {
        self.path = path; self.videoDTS = videoDTS; self.videoFirstPTS = videoFirstPTS; self.videoShift = videoShift
        self.audioPTS = audioPTS; self.audioShift = audioShift
    }
}

/// One step of a stream copy or smart render, in output order.
public enum CopyStep: Sendable, Equatable {
    case packets(CopySpan)
    case reencode(ReencodeSpan)
}

public struct StreamCopyResult: Sendable {
    public var videoPackets: Int
    public var audioPackets: Int
    public var reencodedFrames: Int
}

/// Writes spans of packets from source files into one file, without decoding (LosslessCut's
/// "keyframe cut" and concat). The output's streams take the first span's codec parameters
/// and time bases; the caller (Delivery's `CopyPlan`) has checked that every source matches
/// and worked out the shifts that make the timestamps continuous.
public enum StreamCopier {
    public static func copy(spans: [CopySpan], to path: String, formatName: String, options: [String: String] = [:],
                            expectedPackets: Int, cancelled: () -> Bool = { false },
                            progress: (Int, Int) -> Void = { _, _ in }) throws(MediaError) -> StreamCopyResult {
        try run(steps: spans.map { .packets($0) }, to: path, formatName: formatName, options: options,
                expectedPackets: expectedPackets, cancelled: cancelled, progress: progress)
    }

    /// Runs copy and re-encode steps into one file. Re-encoding needs H.264 in an avcC
    /// (MP4/MOV sources): the re-encoder's SPS/PPS take ids the source does not use and
    /// are added to the output's avcC beside the source's.
    public static func run(steps: [CopyStep], to path: String, formatName: String, options: [String: String] = [:],
                            expectedPackets: Int, cancelled: () -> Bool = { false },
                            progress: (Int, Int) -> Void = { _, _ in }) throws(MediaError) -> StreamCopyResult {
        let spans = steps.compactMap { step -> CopySpan? in if case .packets(let s) = step { return s } else { return nil } }
        guard let first = spans.first else { throw MediaError(.invalidRequest, path: path, reason: "nothing to copy") }
        LibavLog.install()
        var inputs: [String: FormatInput] = [:]
        func input(_ path: String) throws(MediaError) -> FormatInput {
            if let open = inputs[path] { return open }
            let opened = try FormatInput(path: path)
            inputs[path] = opened
            return opened
        }
        let writer = try MediaWriter(path: path, formatName: formatName)
        let head = try input(first.path)
        let headTable = try streams(of: head)
        let videoOut = head.stream(headTable.video).pointee.time_base
        let videoIndex = try writer.addStream(copying: head.stream(headTable.video), timeBase: videoOut)
        var audioOut = AVRational(num: 1, den: 1)
        var audioIndex: Int?
        if first.audioPTS != nil, let a = headTable.audio {
            audioOut = head.stream(a).pointee.time_base
            audioIndex = try writer.addStream(copying: head.stream(a), timeBase: audioOut)
        }
        var smart: SmartCutEncoder?
        var lengthSize = 4
        if steps.contains(where: { if case .reencode = $0 { return true } else { return false } }) {
            let parameters = writer.context.pointee.streams[videoIndex]!.pointee.codecpar!
            let p = parameters.pointee
            guard p.codec_id == AV_CODEC_ID_H264, let extradata = p.extradata,
                  let record = AVCConfiguration.parse(Array(UnsafeBufferPointer(start: extradata, count: Int(p.extradata_size)))) else {
                throw MediaError(.invalidRequest, path: first.path,
                                 reason: "smart rendering re-encodes H.264 in MP4/MOV only (this source's video is \(cString(avcodec_get_name(p.codec_id)) ?? "?"))")
            }
            let used = Set(record.sps.compactMap { AVCConfiguration.firstID($0, skipBytes: 3) }
                           + record.pps.compactMap { AVCConfiguration.firstID($0, skipBytes: 0) })
            guard let id = (1...31).first(where: { !used.contains($0) }) else {
                throw MediaError(.invalidRequest, path: first.path, reason: "no free H.264 parameter set id for the re-encoded frames")
            }
            let encoder = SmartCutEncoder(matching: parameters, timeBase: videoOut, parameterSetID: id, path: path)
            // Read on a demuxer of its own: `head` must stay where it is for the copy.
            if let probe = try? FormatInput(path: first.path), let crf = SmartCutEncoder.sourceCRF(probe, stream: headTable.video) {
                encoder.crf = crf
            }
            let sets = try encoder.parameterSets()
            var merged = record
            merged.sps.append(sets.sps)
            merged.pps.append(sets.pps)
            let bytes = AVCConfiguration.serialize(merged)
            av_freep(&parameters.pointee.extradata)
            guard let buffer = av_mallocz(bytes.count + Int(AV_INPUT_BUFFER_PADDING_SIZE))?.assumingMemoryBound(to: UInt8.self) else {
                throw MediaError(.writeFailed, path: path, reason: "out of memory")
            }
            bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: bytes.count) }
            parameters.pointee.extradata = buffer
            parameters.pointee.extradata_size = Int32(bytes.count)
            lengthSize = record.lengthSize
            smart = encoder
        }
        writer.setTag("encoder", smart == nil ? "termcut (stream copy)" : "termcut (smart render)")
        try writer.start(options: options)
        var decoders: [String: VideoSource] = [:]

        var result = StreamCopyResult(videoPackets: 0, audioPackets: 0, reencodedFrames: 0)
        var lastVideoDTS = Int64.min, lastAudioPTS = Int64.min
        let packet = Packet()
        for step in steps {
            let span: CopySpan
            switch step {
            case .packets(let s):
                span = s
            case .reencode(let r):
                guard let smart else { continue }
                if decoders[r.path] == nil {
                    // A small private cache and no read-ahead: frames are asked for once, in order.
                    // As stored (not turned by a display matrix): these frames sit between copied packets.
                    decoders[r.path] = try VideoSource(url: URL(fileURLWithPath: r.path), cache: FrameCache(budgetBytes: 64 << 20),
                                                       readAheadFrames: 0, upright: false)
                }
                result.reencodedFrames += try smart.encode(r, from: decoders[r.path]!, lengthSize: lengthSize, writer: writer,
                                                           stream: videoIndex, lastDTS: &lastVideoDTS, cancelled: cancelled)
                progress(result.videoPackets + result.audioPackets + result.reencodedFrames, expectedPackets)
                continue
            }
            let source = try input(span.path)
            let table = try streams(of: source)
            let videoBase = source.stream(table.video).pointee.time_base
            let audioBase = table.audio.map { source.stream($0).pointee.time_base }
            // Seek a second before the earliest packet wanted: demuxers seek by index entries
            // that may be decode or presentation times; the packets are picked by time below.
            var target = span.videoFirstPTS
            if let audio = span.audioPTS, let audioBase { target = min(target, av_rescale_q(audio.lowerBound, audioBase, videoBase)) }
            target -= Int64(videoBase.den) / Int64(max(videoBase.num, 1))
            if av_seek_frame(source.context, Int32(table.video), target, AVSEEK_FLAG_BACKWARD) < 0 {
                _ = av_seek_frame(source.context, -1, Int64.min + 1, AVSEEK_FLAG_BACKWARD)
            }
            var videoDone = span.videoDTS == nil, audioDone = span.audioPTS == nil || table.audio == nil
            var sawFirstVideo = videoDone, sawFirstAudio = audioDone
            while !(videoDone && audioDone) {
                if cancelled() { throw MediaError(.invalidRequest, path: path, reason: "cancelled") }
                let read = source.read(into: packet)
                if case .failed(let status) = read {
                    throw MediaError(.damaged, path: span.path, reason: "damaged: packets cannot be read (\(libavErrorText(status)))")
                }
                guard read == .packet else { break }
                defer { packet.unref() }
                if packet.pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 { continue }
                let p = packet.pointer
                if packet.streamIndex == table.video, !videoDone, let range = span.videoDTS, let dts = packet.dts ?? packet.pts {
                    if dts > range.upperBound { videoDone = true; continue }
                    guard dts >= range.lowerBound else { continue }
                    if !sawFirstVideo {
                        guard dts == range.lowerBound else {
                            throw MediaError(.damaged, path: span.path, reason: "the cut's first video packet cannot be reached by seeking")
                        }
                        sawFirstVideo = true
                    }
                    let pts = packet.pts ?? dts
                    if pts < span.videoFirstPTS { continue }
                    p.pointee.pts = av_rescale_q(pts, videoBase, videoOut) + span.videoShift
                    var outDTS = av_rescale_q(dts, videoBase, videoOut) + span.videoShift
                    if outDTS <= lastVideoDTS { outDTS = lastVideoDTS + 1 }
                    guard outDTS <= p.pointee.pts else {
                        throw MediaError(.writeFailed, path: path, reason: "the copied video's decode times would overlap at a cut (\(span.path))")
                    }
                    p.pointee.dts = outDTS
                    lastVideoDTS = outDTS
                    p.pointee.duration = av_rescale_q(p.pointee.duration, videoBase, videoOut)
                    p.pointee.pos = -1
                    try writer.write(packet, stream: videoIndex)
                    result.videoPackets += 1
                } else if let audioIndex, let range = span.audioPTS, let audioBase, packet.streamIndex == table.audio, !audioDone,
                          let pts = packet.pts ?? packet.dts {
                    if pts > range.upperBound { audioDone = true; continue }
                    guard pts >= range.lowerBound else { continue }
                    if !sawFirstAudio {
                        guard pts == range.lowerBound else {
                            throw MediaError(.damaged, path: span.path, reason: "the cut's first audio packet cannot be reached by seeking")
                        }
                        sawFirstAudio = true
                    }
                    var out = av_rescale_q(pts, audioBase, audioOut) + span.audioShift
                    if out <= lastAudioPTS { out = lastAudioPTS + 1 }
                    lastAudioPTS = out
                    p.pointee.pts = out
                    p.pointee.dts = out
                    p.pointee.duration = av_rescale_q(p.pointee.duration, audioBase, audioOut)
                    p.pointee.pos = -1
                    try writer.write(packet, stream: audioIndex)
                    result.audioPackets += 1
                }
                let done = result.videoPackets + result.audioPackets
                if done % 64 == 0 { progress(done, expectedPackets) }
            }
            guard sawFirstVideo else {
                throw MediaError(.damaged, path: span.path, reason: "the cut's video packets are missing (the file may be truncated)")
            }
        }
        progress(result.videoPackets + result.audioPackets + result.reencodedFrames, expectedPackets)
        try writer.finish()
        return result
    }

    /// The main video stream and first audio stream of an opened source, chosen as
    /// `PacketTable.scan` chooses them; the other streams are left unread.
    private static func streams(of input: FormatInput) throws(MediaError) -> (video: Int, audio: Int?) {
        let described = (0..<input.streamCount).map { MediaProbe.describe(stream: input.stream($0), in: input) }
        let pictures = described.filter { $0.kind == .video && !$0.isAttachedPicture }
        guard let video = (pictures.first(where: \.isDefault) ?? pictures.first)?.index else {
            throw MediaError(.noVideoStream, path: input.path, reason: "no video stream to copy")
        }
        let audio = described.first(where: { $0.kind == .audio })?.index
        for other in 0..<input.streamCount where other != video && other != audio {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }
        return (video, audio)
    }
}
