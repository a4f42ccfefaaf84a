import CFFmpeg
import Foundation

/// The decoding state of one `VideoSource`: demuxer, decoder and the frames around the
/// decoder's position. Confined to the source's serial queue (`SerialConfined`): only code
/// running there touches it.
final class VideoDecoding {
    let url: URL
    let index: KeyframeIndex
    let cache: FrameCache
    let cacheSource: String
    /// The file's start time (`VideoSource.fileStartTimestamp`): time 0 of frames' `time` and of damage reports.
    let startTimestamp: Int64
    let frameRate: MediaRational?
    private(set) var damagedRanges: [ClosedRange<Double>] = []
    private(set) var seekCount = 0
    private(set) var decodedFrameCount = 0
    private(set) var readAheadFrameCount = 0

    private let input: FormatInput
    private let decoder: CodecContext
    private let streamIndex: Int
    private let timeBase: AVRational
    private let declaredEnd: Int64?
    /// Turns pictures upright when the file's display matrix says so (phone footage).
    private let rotation: PictureRotation?
    private var current: VideoFrame?
    private var upcoming: VideoFrame?
    private var reachedEnd = false
    private var draining = false
    private var lastPacketTimestamp: Int64?
    /// After a seek, packets before the first keyframe are dropped: demuxers that seek by
    /// bisection (Ogg, MPEG-PS) can land mid-GOP, where decoding gives broken pictures.
    private var awaitingKeyframe = false
    /// Set when a seek could not give a frame that decoding on skipped (`checked`).
    private var trustsDecodingOn = false
    /// Keyframes a seek found not to decode on their own (see `seekAndDecode`).
    private var undecodableKeyframes: Set<Int64> = []

    init(url: URL, index: KeyframeIndex, cache: FrameCache, cacheSource: String, input: FormatInput, decoder: CodecContext,
         streamIndex: Int, timeBase: AVRational, startTimestamp: Int64, declaredEnd: Int64?, frameRate: MediaRational?,
         rotation: PictureRotation?) {
        self.url = url
        self.index = index
        self.cache = cache
        self.cacheSource = cacheSource
        self.input = input
        self.decoder = decoder
        self.streamIndex = streamIndex
        self.timeBase = timeBase
        self.startTimestamp = startTimestamp
        self.declaredEnd = declaredEnd
        self.frameRate = frameRate
        self.rotation = rotation
    }

    /// The frame whose display interval contains `timestamp` (stream time base); the first
    /// frame for times before it.
    func frame(atTimestamp requested: Int64) throws(MediaError) -> VideoFrame {
        // Before the first frame the first frame shows. Asked as such, not as a seek to a time
        // before every keyframe: a container whose start is earlier than the video's (Opus in
        // Matroska starts at -7 ms, the video at +7 ms) has no keyframe there, and the way back
        // to the start (a byte seek) is one Matroska does not offer.
        let timestamp = index.frameTimestamps.first.map { max(requested, $0) } ?? requested
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
            guard let next = upcoming else {
                if endedEarly(shown, for: timestamp) { return try seekAndDecode(to: timestamp) }
                return try lastFrame(shown, for: timestamp)
            }
            if next.timestamp > timestamp { return try checked(shown, for: timestamp) }
            // Decode on unless a keyframe lies beyond the next frame: then a seek skips work.
            let keyframe = index.keyframe(atOrBefore: timestamp) ?? Int64.min
            if keyframe > next.timestamp { return try seekAndDecode(to: timestamp) }
        } else {
            return try seekAndDecode(to: timestamp)
        }
        do {
            return try checked(try advance(to: timestamp), for: timestamp)
        } catch where error.kind == .invalidRequest && endedEarly(current, for: timestamp) {
            return try seekAndDecode(to: timestamp)
        }
    }

    /// `frame`, reached by decoding on, unless the decoder skipped the frame the index lists
    /// for `timestamp` (it gave the one before, and the one after comes next): after a seek to
    /// an open-GOP keyframe libavcodec drops leading pictures it cannot rebuild, so decoding on
    /// from there can step over a frame (generated run, seed 1034: frame 23 came back for 24).
    /// Then a seek from further back gets it. Where that seek cannot either, the index and the
    /// decoder disagree about this file, and decoding on is trusted from then on (no seek per frame).
    private func checked(_ frame: VideoFrame, for timestamp: Int64) throws(MediaError) -> VideoFrame {
        guard !trustsDecodingOn, let number = index.frameNumber(containing: timestamp) else { return frame }
        let expected = index.frameTimestamps[number]
        guard frame.timestamp < expected, (upcoming?.timestamp ?? .max) > expected else { return frame }
        let sought = try seekAndDecode(to: timestamp)
        if sought.timestamp != expected { trustsDecodingOn = true }
        return sought
    }

    /// Whether the index lists a frame at `timestamp` later than `shown`, the last frame the
    /// decoder gave: then the decoder ended early (it dropped frames it could not rebuild after
    /// an open-GOP keyframe), not the video, and a seek from further back reaches the frame.
    private func endedEarly(_ shown: VideoFrame?, for timestamp: Int64) -> Bool {
        guard let number = index.frameNumber(containing: timestamp) else { return false }
        return index.frameTimestamps[number] > (shown?.timestamp ?? .min)
    }

    /// Decodes one frame further in sequence (never seeking) unless the decoder already
    /// stands at `target`; returns where the decoder stands, or `nil` when it cannot go on
    /// (end of stream, no position yet, or an error, which the request that reaches that
    /// frame will meet itself).
    func readAhead(upTo target: Int64) -> Int64? {
        guard !reachedEnd, let shown = current else { return nil }
        guard shown.timestamp < target else { return shown.timestamp }
        do throws(MediaError) {
            if upcoming == nil {
                upcoming = try decodeNext()
                reachedEnd = upcoming == nil
                if upcoming != nil { readAheadFrameCount += 1 }
            }
            guard let next = upcoming else { return nil }
            current = next
            upcoming = nil
            return next.timestamp
        } catch {
            return nil
        }
    }

    // MARK: Decoding

    private var nominalFrameTicks: Int64 {
        if let rate = frameRate, rate.isValid {
            return max(1, av_rescale_q(1, rate.inverted.avRational, timeBase))
        }
        let times = index.frameTimestamps
        return times.count >= 2 ? max(1, times[times.count - 1] - times[times.count - 2]) : 1
    }

    /// The display time of a picture the decoder stamped `decoded`: the same, except in a
    /// stream without presentation times, where the decoder runs `index.decoderLag` frames
    /// late (AVI with B-frames: the first picture comes out stamped with the second
    /// frame's time, and without this frame 0 would be shown twice and the last never).
    private func displayTimestamp(decoded: Int64) -> Int64 {
        let lag = index.decoderLag
        let times = index.frameTimestamps
        guard lag > 0, let last = times.last else { return decoded }
        let position: Int
        let found = lowerBound(times, decoded)
        if found < times.count, times[found] == decoded {
            position = found
        } else if decoded > last {
            position = times.count - 1 + Int((decoded - last + nominalFrameTicks / 2) / nominalFrameTicks)
        } else {
            return decoded
        }
        let shown = position - lag
        if shown < 0 { return times[0] - Int64(-shown) * nominalFrameTicks }
        if shown < times.count { return times[shown] }
        return last + Int64(shown - times.count + 1) * nominalFrameTicks
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

    /// Seeks to the keyframe at or before `timestamp` and decodes forward to the frame shown
    /// then, as a sequential decode from the start would show it.
    ///
    /// Two things send the seek further back, a keyframe at a time: the demuxer landing after
    /// the time (some seek by DTS or by bisection), and a result a sequential decode would not
    /// give: the decoder skipped the frame the index lists there, or flagged it damaged
    /// (`AV_FRAME_FLAG_CORRUPT`, `decode_error_flags`). That is what a flagged keyframe which
    /// does not decode on its own looks like: an open-GOP I-frame whose following frames
    /// still reference the GOP before, a P-frame a muxer marked as a sync sample. Keyframes
    /// found so are remembered and skipped by later seeks.
    private func seekAndDecode(to timestamp: Int64) throws(MediaError) -> VideoFrame {
        seekCount += 1
        let expected = index.frameNumber(containing: timestamp).map { index.frameTimestamps[$0] }
        var keyframe = index.keyframe(atOrBefore: timestamp)
        while let tried = keyframe, undecodableKeyframes.contains(tried) { keyframe = index.keyframe(before: tried) }
        var failed: [Int64] = []
        var lateLandings = 0
        var fromStartByBytes = false
        while true {
            reposition(at: keyframe, byBytes: fromStartByBytes)
            let first = try decodeNext()
            current = nil
            upcoming = first
            reachedEnd = first == nil
            let atStart = keyframe == nil
            if let first, first.timestamp <= timestamp || (atStart && fromStartByBytes) {
                let frame: VideoFrame
                do {
                    frame = try advance(to: timestamp)
                } catch {
                    // The decoder dropped frames it could not rebuild (libavcodec does after an
                    // open-GOP keyframe), up to the end: also a reason to start further back. So
                    // is a stream that ended before the frame the index lists there (x264 open
                    // GOP: the P-frame after the last I-frame is dropped when decoding starts at
                    // that I-frame, and the last frame looked past the end).
                    if atStart || failed.count >= Self.maximumBackoffs || (error.kind != .damaged && !endedEarly(current, for: timestamp)) {
                        throw error
                    }
                    if let tried = keyframe { failed.append(tried) }
                    keyframe = keyframe.flatMap { index.keyframe(before: $0) }
                    continue
                }
                let faithful = (expected == nil || frame.timestamp == expected) && !frame.isDamaged
                if faithful || atStart || failed.count >= Self.maximumBackoffs {
                    if faithful { undecodableKeyframes.formUnion(failed) }
                    return frame
                }
                if let tried = keyframe { failed.append(tried) }
            } else if first == nil && atStart && fromStartByBytes {
                return try advance(to: timestamp)
            } else {
                lateLandings += 1
                if lateLandings > 8 { return try advance(to: timestamp) }
            }
            if let tried = keyframe {
                keyframe = index.keyframe(before: tried)
            } else {
                // The demuxer's own seek to the start landed late (MPEG-TS bisects by
                // timestamp): go to the first byte.
                fromStartByBytes = true
            }
        }
    }

    /// Keyframes tried before giving up on a faithful frame: open GOPs need one, a damaged
    /// file should not cost a decode from the start on every seek.
    private static let maximumBackoffs = 3

    private func reposition(at keyframe: Int64?, byBytes: Bool = false) {
        let context = input.context
        var status: Int32
        if byBytes {
            status = av_seek_frame(context, -1, 0, AVSEEK_FLAG_BYTE)
            if status < 0 { status = avformat_seek_file(context, -1, Int64.min, Int64.min, Int64.min, 0) }
        } else if let keyframe {
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
                let timestamp = (frame.bestEffortTimestamp ?? frame.pts).map(displayTimestamp(decoded:))
                    ?? ((upcoming ?? current)?.timestamp).map { $0 + nominalFrameTicks } ?? startTimestamp
                let shown = try rotation.map { r throws(MediaError) in try r.turn(frame, path: url.path) } ?? frame
                let picture = VideoFrame(frame: shown, timestamp: timestamp, timeBase: timeBase, mediaStart: startTimestamp)
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
