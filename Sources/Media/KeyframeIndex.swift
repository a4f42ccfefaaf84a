import CFFmpeg
import Foundation

/// Every frame's presentation timestamp and every keyframe's, for one video stream,
/// found once by reading packet headers (no decoding). Random access seeks to the
/// keyframe at or before a time and decodes forward; the frame list turns frame numbers
/// into timestamps, also for variable-frame-rate footage.
///
/// Kept in memory by `VideoSource` and persisted in the cache folder keyed by the file's
/// path, size and modification time.
public struct KeyframeIndex: Sendable, Equatable {
    public var streamIndex: Int
    public var timeBase: MediaRational
    /// Presentation timestamps of all frames, ascending.
    public var frameTimestamps: [Int64]
    /// Presentation timestamps of keyframes (random access points), ascending.
    public var keyframeTimestamps: [Int64]
    /// How many frames the decoder's timestamps run ahead of the display order. Containers
    /// that store decode times only (AVI) give a stream with B-frames no presentation times:
    /// libavcodec then stamps each picture with the time of the packet that pushed it out,
    /// one frame late per frame of reorder delay. 0 for every container that stores
    /// presentation times. Measured once when the index is made (`VideoSource`).
    public var decoderLag = 0
    /// Packets of the stream without a presentation time, counted only in a stream that
    /// stores decode times alone (no packet has a presentation time apart from its decode
    /// time: AVI): only then is `decoderLag` measured. An MPEG-TS with some packets lacking
    /// one but reordered presentation times on others counts 0.
    public var packetsWithoutPTS = 0
    /// The x264 build named in the stream's first keyframe (its version SEI), if any.
    /// libavcodec decodes the 4:4:4 output of x264 before build 151 with a workaround it
    /// enables only after reading that SEI; a decoder that starts after a seek never sees
    /// it and decodes different pictures than a sequential decode. Passed to every decoder.
    public var x264Build: Int?

    public var frameCount: Int { frameTimestamps.count }

    /// The last keyframe at or before `timestamp`, or `nil` if none is.
    public func keyframe(atOrBefore timestamp: Int64) -> Int64? {
        let position = upperBound(keyframeTimestamps, timestamp)
        return position > 0 ? keyframeTimestamps[position - 1] : nil
    }

    /// The keyframe before the one at `timestamp`, to back off when a seek lands late.
    func keyframe(before timestamp: Int64) -> Int64? {
        let position = lowerBound(keyframeTimestamps, timestamp)
        return position > 0 ? keyframeTimestamps[position - 1] : nil
    }

    /// The number of the frame whose display interval contains `timestamp` (the last frame
    /// starting at or before it), or `nil` before the first frame.
    public func frameNumber(containing timestamp: Int64) -> Int? {
        let position = upperBound(frameTimestamps, timestamp)
        return position > 0 ? position - 1 : nil
    }

    /// Reads the packets of `streamIndex` in `input` from where it stands to the end.
    static func scan(_ input: FormatInput, streamIndex: Int) -> KeyframeIndex {
        for other in 0..<input.streamCount where other != streamIndex {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }
        let packet = Packet()
        var frames: [Int64] = []
        var keys: [Int64] = []
        var withoutPTS = 0
        var reordered = 0
        var x264Build: Int?
        var leadingPackets = 0
        while true {
            let result = input.read(into: packet)
            guard result == .packet else { break }
            defer { packet.unref() }
            guard packet.streamIndex == streamIndex, let time = packet.pts ?? packet.dts else { continue }
            // Packets flagged for discard (before an MP4 edit list's start) are never shown.
            if packet.pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 { continue }
            frames.append(time)
            if packet.isKeyframe { keys.append(time) }
            if packet.pts == nil { withoutPTS += 1 }
            if let pts = packet.pts, let dts = packet.dts, pts != dts { reordered += 1 }
            if leadingPackets < 4 {
                leadingPackets += 1
                if x264Build == nil { x264Build = Self.x264Build(in: packet) }
            }
        }
        frames.sort()
        keys.sort()
        var index = KeyframeIndex(streamIndex: streamIndex, timeBase: MediaRational(input.stream(streamIndex).pointee.time_base),
                                  frameTimestamps: frames, keyframeTimestamps: keys)
        index.packetsWithoutPTS = reordered > 0 ? 0 : withoutPTS
        index.x264Build = x264Build
        return index
    }

    /// The build in x264's version text ("x264 - core 142 r2431 …", a user-data SEI that
    /// x264 writes into its first keyframe), if the packet carries it.
    static func x264Build(in packet: Packet) -> Int? {
        guard let data = packet.pointer.pointee.data, packet.pointer.pointee.size > 0 else { return nil }
        let bytes = UnsafeBufferPointer(start: data, count: Int(packet.pointer.pointee.size))
        let marker = Array("x264 - core ".utf8)
        guard bytes.count > marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            guard zip(marker.indices, marker).allSatisfy({ bytes[start + $0] == $1 }) else { continue }
            var build = 0, digits = 0
            var position = start + marker.count
            while position < bytes.count, digits < 6, (48...57).contains(bytes[position]) {
                build = build * 10 + Int(bytes[position] - 48)
                digits += 1
                position += 1
            }
            return digits > 0 ? build : nil
        }
        return nil
    }

    /// Sets `decoderLag` for a stream without presentation times, by decoding from the
    /// start of `input` (standing there) to the first picture and finding its timestamp in
    /// the index.
    mutating func measureDecoderLag(input: FormatInput, decoder: CodecContext) {
        guard packetsWithoutPTS > 0, !frameTimestamps.isEmpty else { return }
        let packet = Packet()
        var sent = 0
        var ended = false
        while sent < 64 {
            let frame = Frame()
            switch decoder.receive(frame: frame) {
            case .frame:
                guard let stamp = frame.bestEffortTimestamp ?? frame.pts else { return }
                let position = lowerBound(frameTimestamps, stamp)
                // Only a small whole number of frames is a reorder delay; anything else
                // (a stream starting mid-GOP) is left alone.
                if position < frameTimestamps.count, frameTimestamps[position] == stamp, position <= 4 {
                    decoderLag = position
                }
                return
            case .end, .damaged:
                return
            case .needsInput:
                if ended { return }
                guard input.read(into: packet) == .packet else {
                    _ = decoder.send(packet: nil)
                    ended = true
                    continue
                }
                defer { packet.unref() }
                guard packet.streamIndex == streamIndex else { continue }
                sent += 1
                _ = decoder.send(packet: packet)
            }
        }
    }

    // MARK: Persistence

    static func cacheURL(for identity: MediaFileIdentity, stream: Int) -> URL {
        MediaCacheFolder.root.appendingPathComponent("index", isDirectory: true)
            .appendingPathComponent("\(identity.cacheKey)-v\(stream).tcki")
    }

    private static let magic = Array("TCKI2\n".utf8)

    /// The stored index for this file state, if one is there and intact.
    static func load(for identity: MediaFileIdentity, stream: Int) -> KeyframeIndex? {
        guard let data = try? Data(contentsOf: cacheURL(for: identity, stream: stream)),
              data.count >= magic.count + 32, Array(data.prefix(magic.count)) == magic else { return nil }
        let numbers: [Int64] = data.dropFirst(magic.count).withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
        let header = 7
        guard numbers.count >= header else { return nil }
        let frameCount = Int(numbers[2]), keyCount = Int(numbers[3])
        guard frameCount >= 0, keyCount >= 0, numbers.count == header + frameCount + keyCount,
              (0...8).contains(numbers[4]), numbers[5] >= 0, numbers[6] >= -1, numbers[6] < 1_000_000 else { return nil }
        var index = KeyframeIndex(streamIndex: stream, timeBase: MediaRational(Int(numbers[0]), Int(numbers[1])),
                                  frameTimestamps: Array(numbers[header..<(header + frameCount)]),
                                  keyframeTimestamps: Array(numbers[(header + frameCount)...]))
        index.decoderLag = Int(numbers[4])
        index.packetsWithoutPTS = Int(numbers[5])
        index.x264Build = numbers[6] >= 0 ? Int(numbers[6]) : nil
        return index
    }

    /// Stores the index (temporary file, then rename); failures only cost a rescan later.
    func save(for identity: MediaFileIdentity) {
        let url = Self.cacheURL(for: identity, stream: streamIndex)
        var numbers: [Int64] = [Int64(timeBase.numerator), Int64(timeBase.denominator),
                                Int64(frameTimestamps.count), Int64(keyframeTimestamps.count),
                                Int64(decoderLag), Int64(packetsWithoutPTS), Int64(x264Build ?? -1)]
        numbers += frameTimestamps
        numbers += keyframeTimestamps
        var data = Data(Self.magic)
        for number in numbers { withUnsafeBytes(of: number.littleEndian) { data.append(contentsOf: $0) } }
        let temporary = url.appendingPathExtension("partial-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

/// First position whose value is greater than `value` in ascending `values`.
func upperBound(_ values: [Int64], _ value: Int64) -> Int {
    var low = 0, high = values.count
    while low < high {
        let middle = (low + high) / 2
        if values[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
}

/// First position whose value is not less than `value` in ascending `values`.
func lowerBound(_ values: [Int64], _ value: Int64) -> Int {
    var low = 0, high = values.count
    while low < high {
        let middle = (low + high) / 2
        if values[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
}
