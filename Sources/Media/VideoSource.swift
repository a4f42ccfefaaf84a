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
/// Read-ahead: when frames are asked for in order (playback, stepping forward), the next
/// `readAheadFrames` frames are decoded on the source's own serial queue into the cache
/// (at most half the cache's budget), so the next request is a cache hit. The demuxer and
/// decoder live on that queue and are only touched there; read-ahead works one frame per
/// queue item and gives way as soon as a request comes, so a request waits at most for
/// the one frame being decoded before its own.
///
/// Thread-safe: requests from several threads are served one at a time on the queue.
public final class VideoSource: Sendable {
    public let url: URL
    /// The stream as `MediaProbe` describes it.
    public let stream: StreamInfo
    public let index: KeyframeIndex
    /// Where frame 0 begins, in stream time base (`PictureOrigin`: the first picture, or the
    /// file's start time when the picture starts a second or more later): time 0 of the
    /// timeline's media frames (`TimelineRenderer.timestamp(of:)`) and of smart copy.
    public let startTimestamp: Int64
    /// The file's start time in stream time base: time 0 of `.seconds` and `VideoFrame.time`,
    /// as ffmpeg's `-ss` counts (Theora in Ogg starts its picture a frame after the file).
    public let fileStartTimestamp: Int64
    public let cache: FrameCache
    /// Stretches (in seconds from the start) where the decoder met damaged data.
    public var damagedRanges: [ClosedRange<Double>] { decoding.sync { $0.damagedRanges } }
    /// Seeks performed so far (sequential reading performs none).
    public var seekCount: Int { decoding.sync { $0.seekCount } }
    /// Frames decoded so far, read-ahead included (cache hits decode none).
    public var decodedFrameCount: Int { decoding.sync { $0.decodedFrameCount } }
    /// Frames decoded ahead of requests so far.
    public var readAheadFrameCount: Int { decoding.sync { $0.readAheadFrameCount } }
    /// How many frames to decode ahead when frames are asked for in order (0: none).
    public let readAheadFrames: Int

    private let decoding: SerialConfined<VideoDecoding>
    private let timeBase: AVRational
    private let cacheSource: String
    private let requests = Locked(RequestHistory())

    private struct RequestHistory {
        /// Bumped by every request that needs the decoder: read-ahead that sees it change
        /// stops at once, giving way.
        var generation = 0
        var lastFrameNumber: Int?
        /// Read-ahead decodes until the decoder stands at this timestamp.
        var readAheadTarget: Int64 = .min
        var readAheadRunning = false
    }

    /// Opens the file's main video stream. `threads` = 0 lets libav choose. `upright`: turn the
    /// pictures as the file's display matrix says (`PictureRotation`); a stream copy that
    /// re-encodes a few frames between copied packets wants them as stored instead.
    public init(url: URL, cache: FrameCache = .shared, threads: Int = 0, readAheadFrames: Int = 8, upright: Bool = true) throws(MediaError) {
        self.url = url
        self.cache = cache
        self.readAheadFrames = max(0, readAheadFrames)
        let path = url.path
        let opened = try FormatInput(path: path)
        let input = opened
        let streams = (0..<opened.streamCount).map { MediaProbe.describe(stream: opened.stream($0), in: opened) }
        let pictures = streams.filter { $0.kind == .video && !$0.isAttachedPicture }
        guard let chosen = pictures.first(where: { $0.isDefault && $0.isDecodable }) ?? pictures.first(where: \.isDecodable) else {
            let reason = pictures.isEmpty ? "no video stream" : "no decoder for its video (\(pictures[0].codecName))"
            throw MediaError(pictures.isEmpty ? .noVideoStream : .noDecodableStream, path: path, reason: reason)
        }
        // As shown: a quarter-turned phone clip is as tall as its pictures come out (`PictureRotation`).
        stream = upright ? chosen.upright : chosen
        let streamIndex = chosen.index
        let avStream = input.stream(streamIndex)
        let timeBase = avStream.pointee.time_base
        self.timeBase = timeBase
        // libavcodec 59's VP3/Theora frame threading is not deterministic (the same file
        // decodes to different pictures from run to run), so Theora decodes on one thread.
        let codec = avStream.pointee.codecpar.pointee.codec_id
        let singleThreaded = codec == AV_CODEC_ID_THEORA || codec == AV_CODEC_ID_VP3
        for other in 0..<input.streamCount where other != streamIndex {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }

        let identity = input.identity
        let index: KeyframeIndex
        var options: [String: String] = [:]
        if let stored = KeyframeIndex.load(for: identity, stream: streamIndex) {
            index = stored
        } else {
            let scanning = try FormatInput(path: path)
            var scanned = KeyframeIndex.scan(scanning, streamIndex: streamIndex)
            if scanned.packetsWithoutPTS > 0 {
                // Measured on the main demuxer, still at the start; the first request seeks.
                if let build = scanned.x264Build, codec == AV_CODEC_ID_H264 { options["x264_build"] = "\(build)" }
                let measuring = try CodecContext.decoder(for: avStream, path: path, threads: 1, options: options)
                scanned.measureDecoderLag(input: input, decoder: measuring)
            }
            index = scanned
            if !index.frameTimestamps.isEmpty { index.save(for: identity) }
        }
        self.index = index
        if let build = index.x264Build, codec == AV_CODEC_ID_H264 { options["x264_build"] = "\(build)" }
        let decoder = try CodecContext.decoder(for: avStream, path: path, threads: singleThreaded ? 1 : threads, options: options)
        guard !index.frameTimestamps.isEmpty else {
            throw MediaError(.damaged, path: path, reason: "damaged: no video frames can be read")
        }
        // Pictures as stored and turned upright are different pictures: never one cache entry.
        let turned = upright && PictureRotation.quarterTurns(chosen.rotation) != 0
        let cacheSource = identity.cacheKey + "#\(streamIndex)" + (turned ? "@upright" : "")
        self.cacheSource = cacheSource

        let context = input.context.pointee
        let fileStart: Int64
        if context.start_time != tc_nopts_value() {
            fileStart = av_rescale_q(context.start_time, tc_time_base_q(), timeBase)
        } else {
            fileStart = avStream.pointee.start_time != tc_nopts_value() ? avStream.pointee.start_time : index.frameTimestamps[0]
        }
        let startTimestamp = PictureOrigin.origin(fileStart: fileStart, firstPicture: index.frameTimestamps[0],
                                                  timeBase: MediaRational(timeBase))
        self.startTimestamp = startTimestamp
        fileStartTimestamp = fileStart
        let declaredEnd: Int64?
        if avStream.pointee.duration != tc_nopts_value(), avStream.pointee.duration > 0 {
            let streamStart = avStream.pointee.start_time != tc_nopts_value() ? avStream.pointee.start_time : fileStart
            declaredEnd = streamStart + avStream.pointee.duration
        } else if context.duration != tc_nopts_value(), context.duration > 0 {
            declaredEnd = fileStart + av_rescale_q(context.duration, tc_time_base_q(), timeBase)
        } else {
            declaredEnd = nil
        }
        decoding = SerialConfined(VideoDecoding(
            url: url, index: index, cache: cache, cacheSource: cacheSource, input: input, decoder: decoder,
            streamIndex: streamIndex, timeBase: timeBase, startTimestamp: fileStart, declaredEnd: declaredEnd,
            frameRate: chosen.frameRate ?? chosen.realFrameRate, rotation: upright ? PictureRotation(rotation: chosen.rotation) : nil), label: "termcut.video.\(identity.cacheKey)")
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
            return try frame(atTimestamp: fileStartTimestamp + Int64(ticks))
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
        let number = index.frameNumber(containing: timestamp)
        let frame: VideoFrame
        if let number, let cached = cachedFrame(number: number, for: timestamp) {
            frame = cached
        } else {
            requests.withLock { $0.generation += 1 }
            let result: Result<VideoFrame, MediaError> = decoding.sync { state in
                do throws(MediaError) {
                    return .success(try state.frame(atTimestamp: timestamp))
                } catch {
                    return .failure(error)
                }
            }
            frame = try result.get()
        }
        if let number { readAhead(after: number, frameBytes: frame.byteCount) }
        return frame
    }

    private func cachedFrame(number: Int, for timestamp: Int64) -> VideoFrame? {
        guard let cached = cache.frame(source: cacheSource, timestamp: index.frameTimestamps[number]) else { return nil }
        // The last frame holds for one frame duration only; past that the decoder decides.
        if number + 1 < index.frameCount { return cached }
        let times = index.frameTimestamps
        let ticks = times.count >= 2 ? times[times.count - 1] - times[times.count - 2] : 1
        return timestamp <= cached.timestamp + ticks ? cached : nil
    }

    // MARK: Read-ahead

    /// After frame `number` was asked for straight after the one before it (or the same one
    /// again), has the frames up to `readAheadFrames` beyond it decoded, one per queue item.
    private func readAhead(after number: Int, frameBytes: Int) {
        guard readAheadFrames > 0 else { return }
        // At most half the budget, so read-ahead never pushes out what it just decoded.
        let ahead = frameBytes > 0 ? min(readAheadFrames, cache.budgetBytes / 2 / frameBytes) : 0
        let target = index.frameTimestamps[min(index.frameCount - 1, number + ahead)]
        let start: Int? = requests.withLock { history in
            defer { history.lastFrameNumber = number }
            guard let last = history.lastFrameNumber, number == last + 1 || number == last, ahead > 0 else { return nil }
            history.readAheadTarget = max(history.readAheadTarget, target)
            if history.readAheadRunning { return nil }  // the running one reads the new target
            history.readAheadRunning = true
            return history.generation
        }
        if let start { readAheadStep(generation: start) }
    }

    private func readAheadStep(generation: Int) {
        decoding.async { [requests] state in
            let target: Int64? = requests.withLock { history in
                guard history.generation == generation else {
                    history.readAheadRunning = false
                    return nil
                }
                return history.readAheadTarget
            }
            guard let target else { return }
            let reached = state.readAhead(upTo: target)
            // Decided under the lock that requests extend the target under: none is lost.
            let goOn = requests.withLock { history -> Bool in
                let more = history.generation == generation && reached.map { $0 < history.readAheadTarget } == true
                if !more { history.readAheadRunning = false }
                return more
            }
            // One frame per queue item: a request queued meanwhile goes first.
            if goOn { self.readAheadStep(generation: generation) }
        }
    }

    /// Blocks until read-ahead has stopped (tests and benchmarks).
    public func waitForReadAhead() {
        while requests.withLock({ $0.readAheadRunning }) {
            decoding.sync { _ in }
        }
    }
}
