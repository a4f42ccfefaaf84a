import CFFmpeg
import Foundation

/// Where in a video to take a frame from.
public enum FramePosition: Sendable, Equatable {
    /// Seconds from the start of the media (the file's start time), as ffmpeg's `-ss` counts.
    case seconds(Double)
    /// The n-th frame in display order, counting from 0 (true frame numbers, also for VFR).
    case frameNumber(Int)
    /// A presentation timestamp in the stream's time base.
    case timestamp(Int64)
}

/// Frame-accurate access to the main video stream of one file.
///
/// `frame(at:)` returns the frame whose display interval contains the requested time.
/// Reading forward (playback, stepping) decodes on without seeking; a jump seeks to the
/// keyframe at or before the time (from the `KeyframeIndex`) and decodes forward, which
/// handles B-frames, long GOPs, open GOPs and MP4 edit lists. Decoded frames go into a
/// shared `FrameCache`.
///
/// Not thread-safe: use one `VideoSource` per thread (frames themselves are `Sendable`).
public final class VideoSource {
    public let url: URL
    /// The stream as `MediaProbe` describes it.
    public let stream: StreamInfo
    public let index: KeyframeIndex
    /// The media start (the file's start time) in stream time base: time 0 of `.seconds`.
    public let startTimestamp: Int64
    public let cache: FrameCache
    /// Stretches (in seconds from the start) where the decoder met damaged data.
    public private(set) var damagedRanges: [ClosedRange<Double>] = []
    /// Seeks performed so far (sequential reading performs none).
    public private(set) var seekCount = 0
    /// Frames decoded so far (cache hits decode none).
    public private(set) var decodedFrameCount = 0

    private let input: FormatInput
    private let decoder: CodecContext
    private let streamIndex: Int
    private let timeBase: AVRational
    private let declaredEnd: Int64?
    private let cacheSource: String
    private var current: VideoFrame?
    private var upcoming: VideoFrame?
    private var reachedEnd = false
    private var draining = false
    private var lastPacketTimestamp: Int64?
    /// After a seek, packets before the first keyframe are dropped: demuxers that seek by
    /// bisection (Ogg, MPEG-PS) can land mid-GOP, where decoding gives broken pictures.
    private var awaitingKeyframe = false

    /// Opens the file's main video stream. `threads` = 0 lets libav choose.
    public init(url: URL, cache: FrameCache = .shared, threads: Int = 0) throws(MediaError) {
        self.url = url
        self.cache = cache
        let path = url.path
        let opened = try FormatInput(path: path)
        input = opened
        let streams = (0..<opened.streamCount).map { MediaProbe.describe(stream: opened.stream($0), in: opened) }
        let pictures = streams.filter { $0.kind == .video && !$0.isAttachedPicture }
        guard let chosen = pictures.first(where: { $0.isDefault && $0.isDecodable }) ?? pictures.first(where: \.isDecodable) else {
            let reason = pictures.isEmpty ? "no video stream" : "no decoder for its video (\(pictures[0].codecName))"
            throw MediaError(pictures.isEmpty ? .noVideoStream : .noDecodableStream, path: path, reason: reason)
        }
        stream = chosen
        streamIndex = chosen.index
        let avStream = input.stream(streamIndex)
        timeBase = avStream.pointee.time_base
        // libavcodec 59's VP3/Theora frame threading is not deterministic (the same file
        // decodes to different pictures from run to run), so Theora decodes on one thread.
        let codec = avStream.pointee.codecpar.pointee.codec_id
        let singleThreaded = codec == AV_CODEC_ID_THEORA || codec == AV_CODEC_ID_VP3
        decoder = try CodecContext.decoder(for: avStream, path: path, threads: singleThreaded ? 1 : threads)
        for other in 0..<input.streamCount where other != streamIndex {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }

        let identity = input.identity
        if let stored = KeyframeIndex.load(for: identity, stream: streamIndex) {
            index = stored
        } else {
            let scanning = try FormatInput(path: path)
            index = KeyframeIndex.scan(scanning, streamIndex: streamIndex)
            if !index.frameTimestamps.isEmpty { index.save(for: identity) }
        }
        guard !index.frameTimestamps.isEmpty else {
            throw MediaError(.damaged, path: path, reason: "damaged: no video frames can be read")
        }
        cacheSource = identity.cacheKey + "#\(streamIndex)"

        let context = input.context.pointee
        if context.start_time != tc_nopts_value() {
            startTimestamp = av_rescale_q(context.start_time, tc_time_base_q(), timeBase)
        } else {
            startTimestamp = avStream.pointee.start_time != tc_nopts_value() ? avStream.pointee.start_time : index.frameTimestamps[0]
        }
        if avStream.pointee.duration != tc_nopts_value(), avStream.pointee.duration > 0 {
            let streamStart = avStream.pointee.start_time != tc_nopts_value() ? avStream.pointee.start_time : startTimestamp
            declaredEnd = streamStart + avStream.pointee.duration
        } else if context.duration != tc_nopts_value(), context.duration > 0 {
            declaredEnd = startTimestamp + av_rescale_q(context.duration, tc_time_base_q(), timeBase)
        } else {
            declaredEnd = nil
        }
    }

    /// Nominal frame rate (average), if known.
    public var frameRate: MediaRational? { stream.frameRate ?? stream.realFrameRate }

    /// The frame shown at `position`.
    public func frame(at position: FramePosition) throws(MediaError) -> VideoFrame {
        switch position {
        case .timestamp(let timestamp):
            return try frame(atTimestamp: timestamp)
        case .seconds(let seconds):
            guard seconds.isFinite, seconds >= 0 else {
                throw MediaError(.invalidRequest, path: url.path, reason: "time must be zero or more seconds, not \(seconds)")
            }
            let ticks = (seconds * Double(timeBase.den) / Double(timeBase.num)).rounded()
            return try frame(atTimestamp: startTimestamp + Int64(ticks))
        case .frameNumber(let number):
            guard number >= 0, number < index.frameCount else {
                throw MediaError(.invalidRequest, path: url.path,
                                 reason: "frame \(number) does not exist (the video has \(index.frameCount) frames, 0–\(index.frameCount - 1))")
            }
            return try frame(atTimestamp: index.frameTimestamps[number])
        }
    }

    /// The frame whose display interval contains `timestamp` (stream time base); the first
    /// frame for times before it.
    public func frame(atTimestamp timestamp: Int64) throws(MediaError) -> VideoFrame {
        if let number = index.frameNumber(containing: timestamp),
           let cached = cache.frame(source: cacheSource, timestamp: index.frameTimestamps[number]),
           number + 1 < index.frameCount || timestamp <= cached.timestamp + nominalFrameTicks {
            return cached
        }
        if let shown = current, shown.timestamp <= timestamp {
            if upcoming == nil && !reachedEnd {
                upcoming = try decodeNext()
                reachedEnd = upcoming == nil
            }
            guard let next = upcoming else { return try lastFrame(shown, for: timestamp) }
            if next.timestamp > timestamp { return shown }
            // Decode on unless a keyframe lies beyond the next frame: then a seek skips work.
            let keyframe = index.keyframe(atOrBefore: timestamp) ?? Int64.min
            if keyframe > next.timestamp { try seek(to: timestamp) }
        } else {
            try seek(to: timestamp)
        }
        return try advance(to: timestamp)
    }

    // MARK: Decoding

    private var nominalFrameTicks: Int64 {
        if let rate = frameRate, rate.isValid {
            return max(1, av_rescale_q(1, rate.inverted.avRational, timeBase))
        }
        let times = index.frameTimestamps
        return times.count >= 2 ? max(1, times[times.count - 1] - times[times.count - 2]) : 1
    }

    private func advance(to timestamp: Int64) throws(MediaError) -> VideoFrame {
        while true {
            if upcoming == nil && !reachedEnd {
                upcoming = try decodeNext()
                if upcoming == nil { reachedEnd = true }
            }
            guard let next = upcoming, next.timestamp <= timestamp || current == nil else { break }
            current = next
            upcoming = nil
            if next.timestamp > timestamp { break }  // asked for a time before the first frame
        }
        guard let shown = current else {
            throw MediaError(.damaged, path: url.path, reason: "damaged: no picture could be decoded near \(seconds(timestamp)) s")
        }
        if upcoming == nil && reachedEnd { return try lastFrame(shown, for: timestamp) }
        return shown
    }

    /// `shown` is the last frame there is: it holds for one frame duration, no longer.
    private func lastFrame(_ shown: VideoFrame, for timestamp: Int64) throws(MediaError) -> VideoFrame {
        guard timestamp >= shown.timestamp + nominalFrameTicks else { return shown }
        if let declaredEnd, timestamp < declaredEnd, declaredEnd - shown.timestamp > 2 * nominalFrameTicks {
            noteDamage(from: shown.timestamp, to: declaredEnd)
            throw MediaError(.damaged, path: url.path,
                             reason: "damaged: no picture at \(seconds(timestamp)) s; the video data ends at \(seconds(shown.timestamp)) s")
        }
        throw MediaError(.invalidRequest, path: url.path,
                         reason: "\(seconds(timestamp)) s is past the end of the video (last frame at \(seconds(shown.timestamp)) s)")
    }

    /// Repositions the demuxer at or before `timestamp`, on a keyframe, and primes `upcoming`
    /// with the first frame decoded there. If the demuxer lands after the time (some seek
    /// by DTS or by bisection), backs off a keyframe at a time, finally to the start.
    private func seek(to timestamp: Int64) throws(MediaError) {
        seekCount += 1
        var target: Int64? = index.keyframe(atOrBefore: timestamp)
        for _ in 0..<8 {
            reposition(at: target)
            let first = try decodeNext()
            current = nil
            upcoming = first
            reachedEnd = first == nil
            if let first, first.timestamp <= timestamp { return }
            guard let tried = target else { return }  // from the very start: take what there is
            target = index.keyframe(before: tried)
        }
    }

    private func reposition(at keyframe: Int64?) {
        let context = input.context
        var status: Int32
        if let keyframe {
            status = avformat_seek_file(context, Int32(streamIndex), Int64.min, keyframe, keyframe, 0)
            if status < 0 { status = av_seek_frame(context, Int32(streamIndex), keyframe, AVSEEK_FLAG_BACKWARD) }
        } else {
            let first = (index.frameTimestamps.first ?? 0) - 1
            status = avformat_seek_file(context, Int32(streamIndex), Int64.min, first, first, 0)
            if status < 0 { status = av_seek_frame(context, -1, 0, AVSEEK_FLAG_BYTE) }
        }
        decoder.flush()
        draining = false
        reachedEnd = false
        awaitingKeyframe = true
    }

    /// The next frame in display order, or `nil` at the end of the stream.
    private func decodeNext() throws(MediaError) -> VideoFrame? {
        while true {
            let frame = Frame()
            switch decoder.receive(frame: frame) {
            case .frame:
                decodedFrameCount += 1
                let timestamp = frame.bestEffortTimestamp ?? frame.pts
                    ?? ((upcoming ?? current)?.timestamp).map { $0 + nominalFrameTicks } ?? startTimestamp
                let picture = VideoFrame(frame: frame, timestamp: timestamp, timeBase: timeBase, mediaStart: startTimestamp)
                if picture.isDamaged { noteDamage(from: timestamp, to: timestamp + nominalFrameTicks) }
                cache.insert(picture, source: cacheSource)
                return picture
            case .end:
                return nil
            case .damaged:
                noteDamage(from: lastPacketTimestamp ?? startTimestamp, to: (lastPacketTimestamp ?? startTimestamp) + nominalFrameTicks)
            case .needsInput:
                if draining { return nil }
                try feed()
            }
        }
    }

    /// Sends the next packet of our stream to the decoder (or the flush at the end).
    private func feed() throws(MediaError) {
        let packet = Packet()
        while true {
            switch input.read(into: packet) {
            case .packet:
                defer { packet.unref() }
                guard packet.streamIndex == streamIndex else { continue }
                if awaitingKeyframe {
                    guard packet.isKeyframe else { continue }
                    awaitingKeyframe = false
                }
                lastPacketTimestamp = packet.pts ?? packet.dts ?? lastPacketTimestamp
                switch decoder.send(packet: packet) {
                case .accepted, .full, .ended:
                    return
                case .rejected:
                    let at = lastPacketTimestamp ?? startTimestamp
                    noteDamage(from: at, to: at + nominalFrameTicks)
                    return
                }
            case .end:
                _ = decoder.send(packet: nil)
                draining = true
                return
            case .failed:
                try checkFileUnchanged()
                let at = lastPacketTimestamp ?? startTimestamp
                noteDamage(from: at, to: declaredEnd ?? at + nominalFrameTicks)
                _ = decoder.send(packet: nil)
                draining = true
                return
            }
        }
    }

    private func checkFileUnchanged() throws(MediaError) {
        let now: MediaFileIdentity
        do {
            now = try MediaFileIdentity(path: url.path)
        } catch {
            throw MediaError(.fileChanged, path: url.path, reason: "the file was removed or replaced while open (\(error.reason))")
        }
        if now.size != input.identity.size || now.modificationTime != input.identity.modificationTime {
            throw MediaError(.fileChanged, path: url.path, reason: "the file changed on disk while open; reopen it")
        }
    }

    private func noteDamage(from start: Int64, to end: Int64) {
        let range = seconds(start)...max(seconds(start), seconds(end))
        if let last = damagedRanges.last, last.upperBound >= range.lowerBound - 0.001 {
            damagedRanges[damagedRanges.count - 1] = min(last.lowerBound, range.lowerBound)...max(last.upperBound, range.upperBound)
        } else {
            damagedRanges.append(range)
            damagedRanges.sort { $0.lowerBound < $1.lowerBound }
        }
    }

    private func seconds(_ timestamp: Int64) -> Double {
        (Double(timestamp - startTimestamp) * Double(timeBase.num) / Double(timeBase.den) * 1000).rounded() / 1000
    }
}
