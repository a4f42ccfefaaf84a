import CFFmpeg
import Foundation

/// One video-only segment of a segmented render: a file whose pictures start with an IDR
/// frame and whose first frame is frame `firstFrame` of the whole programme.
public struct JoinSegment: Sendable, Equatable {
    public var path: String
    public var firstFrame: Int64

    public init(path: String, firstFrame: Int64) {
        self.path = path
        self.firstFrame = firstFrame
    }
}

public struct JoinResult: Sendable, Equatable {
    public var videoPackets: Int
    public var audioPackets: Int
}

/// Joins the segments of a segmented render by stream copy: the segments' video packets one
/// after another (each moved to its first frame's time), and the sound, rendered once as a
/// whole, copied beside them. Nothing is decoded, so the result's pictures are the segments'
/// pictures bit for bit. The segments must come from one encoder setting (the first
/// segment's codec parameters are the output's; the others are checked against them).
public enum SegmentJoiner {
    public static func join(segments: [JoinSegment], sound: String?, frameRate: MediaRational, to path: String,
                            formatName: String, options: [String: String] = [:],
                            cancelled: () -> Bool = { false }) throws(MediaError) -> JoinResult {
        guard let first = segments.first else { throw MediaError(.invalidRequest, path: path, reason: "no segments to join") }
        LibavLog.install()
        let writer = try MediaWriter(path: path, formatName: formatName)
        let head = try FormatInput(path: first.path)
        let headVideo = try videoStream(of: head)
        let videoOut = head.stream(headVideo).pointee.time_base
        let signature = CodecSignature(head.stream(headVideo).pointee.codecpar!)
        let videoIndex = try writer.addStream(copying: head.stream(headVideo), timeBase: videoOut)

        var soundInput: FormatInput?
        var soundStream = 0
        var soundIndex: Int?
        var soundBase = AVRational(num: 1, den: 1)
        if let sound {
            let input = try FormatInput(path: sound)
            guard let a = (0..<input.streamCount).first(where: { input.stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO }) else {
                throw MediaError(.noAudioStream, path: sound, reason: "the rendered sound has no audio stream")
            }
            soundStream = a
            soundBase = input.stream(a).pointee.time_base
            soundIndex = try writer.addStream(copying: input.stream(a), timeBase: soundBase)
            soundInput = input
        }
        writer.setTag("encoder", "termcut (segmented render)")
        try writer.start(options: options)

        var result = JoinResult(videoPackets: 0, audioPackets: 0)
        let packet = Packet()
        let soundPacket = Packet()
        var soundPending = false
        var soundDone = soundInput == nil
        var lastDTS = Int64.min
        let frameBase = AVRational(num: Int32(frameRate.denominator), den: Int32(frameRate.numerator))

        /// Writes the sound's packets that start before `limit` (in the video time base), so
        /// the file interleaves as it goes and nothing is held in memory.
        func writeSound(before limit: Int64?) throws(MediaError) {
            guard let soundInput, let soundIndex else { return }
            while !soundDone {
                if !soundPending {
                    let read = soundInput.read(into: soundPacket)
                    if case .failed(let status) = read {
                        throw MediaError(.damaged, path: sound ?? "", reason: "damaged: packets cannot be read (\(libavErrorText(status)))")
                    }
                    guard read == .packet else { soundDone = true; return }
                    guard soundPacket.streamIndex == soundStream else { soundPacket.unref(); continue }
                    soundPending = true
                }
                let pts = soundPacket.pts ?? soundPacket.dts ?? 0
                if let limit, av_rescale_q(pts, soundBase, videoOut) > limit { return }
                soundPacket.pointer.pointee.pos = -1
                try writer.write(soundPacket, stream: soundIndex)
                soundPacket.unref()
                soundPending = false
                result.audioPackets += 1
            }
        }

        for segment in segments {
            let input = segment.path == first.path ? head : try FormatInput(path: segment.path)
            let stream = try videoStream(of: input)
            let parameters = input.stream(stream).pointee.codecpar!
            let differences = CodecSignature(parameters).differences(from: signature)
            guard differences.isEmpty else {
                throw MediaError(.invalidRequest, path: segment.path,
                                 reason: "its encoding differs from the first segment's (\(differences.joined(separator: ", "))): render it again")
            }
            let base = input.stream(stream).pointee.time_base
            let shift = av_rescale_q(segment.firstFrame, frameBase, videoOut)
            var sawFirst = false
            while true {
                if cancelled() { throw MediaError(.invalidRequest, path: path, reason: "cancelled") }
                let read = input.read(into: packet)
                if case .failed(let status) = read {
                    throw MediaError(.damaged, path: segment.path, reason: "damaged: packets cannot be read (\(libavErrorText(status)))")
                }
                guard read == .packet else { break }
                defer { packet.unref() }
                guard packet.streamIndex == stream, let pts = packet.pts ?? packet.dts else { continue }
                if !sawFirst {
                    // A segment that does not open on a keyframe would show garbage until its next one.
                    guard packet.isKeyframe else {
                        throw MediaError(.damaged, path: segment.path, reason: "the segment does not start with a keyframe")
                    }
                    sawFirst = true
                }
                let p = packet.pointer
                let outPTS = av_rescale_q(pts, base, videoOut) + shift
                var outDTS = av_rescale_q(packet.dts ?? pts, base, videoOut) + shift
                // Each segment's first decode times sit before its first picture (B-frame delay);
                // they follow on from the previous segment's last, which ended a frame earlier.
                if outDTS <= lastDTS { outDTS = lastDTS + 1 }
                guard outDTS <= outPTS else {
                    throw MediaError(.writeFailed, path: path, reason: "the decode times of \(segment.path) overlap the segment before it")
                }
                try writeSound(before: outDTS)
                p.pointee.pts = outPTS
                p.pointee.dts = outDTS
                lastDTS = outDTS
                p.pointee.duration = av_rescale_q(p.pointee.duration, base, videoOut)
                p.pointee.pos = -1
                try writer.write(packet, stream: videoIndex)
                result.videoPackets += 1
            }
            guard sawFirst else { throw MediaError(.damaged, path: segment.path, reason: "the segment holds no pictures") }
        }
        try writeSound(before: nil)
        if soundPending { soundPacket.unref() }
        try writer.finish()
        return result
    }

    private static func videoStream(of input: FormatInput) throws(MediaError) -> Int {
        guard let index = (0..<input.streamCount).first(where: {
            let s = input.stream($0).pointee
            return s.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO && s.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
        }) else {
            throw MediaError(.noVideoStream, path: input.path, reason: "the segment has no video stream")
        }
        return index
    }
}
