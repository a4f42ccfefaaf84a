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
        while true {
            let result = input.read(into: packet)
            guard result == .packet else { break }
            defer { packet.unref() }
            guard packet.streamIndex == streamIndex, let time = packet.pts ?? packet.dts else { continue }
            // Packets flagged for discard (before an MP4 edit list's start) are never shown.
            if packet.pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 { continue }
            frames.append(time)
            if packet.isKeyframe { keys.append(time) }
        }
        frames.sort()
        keys.sort()
        return KeyframeIndex(streamIndex: streamIndex, timeBase: MediaRational(input.stream(streamIndex).pointee.time_base),
                             frameTimestamps: frames, keyframeTimestamps: keys)
    }

    // MARK: Persistence

    static func cacheURL(for identity: MediaFileIdentity, stream: Int) -> URL {
        MediaCacheFolder.root.appendingPathComponent("index", isDirectory: true)
            .appendingPathComponent("\(identity.cacheKey)-v\(stream).tcki")
    }

    private static let magic = Array("TCKI1\n".utf8)

    /// The stored index for this file state, if one is there and intact.
    static func load(for identity: MediaFileIdentity, stream: Int) -> KeyframeIndex? {
        guard let data = try? Data(contentsOf: cacheURL(for: identity, stream: stream)),
              data.count >= magic.count + 32, Array(data.prefix(magic.count)) == magic else { return nil }
        let numbers: [Int64] = data.dropFirst(magic.count).withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
        let header = 4
        let frameCount = Int(numbers[2]), keyCount = Int(numbers[3])
        guard frameCount >= 0, keyCount >= 0, numbers.count == header + frameCount + keyCount else { return nil }
        return KeyframeIndex(streamIndex: stream, timeBase: MediaRational(Int(numbers[0]), Int(numbers[1])),
                             frameTimestamps: Array(numbers[header..<(header + frameCount)]),
                             keyframeTimestamps: Array(numbers[(header + frameCount)...]))
    }

    /// Stores the index (temporary file, then rename); failures only cost a rescan later.
    func save(for identity: MediaFileIdentity) {
        let url = Self.cacheURL(for: identity, stream: streamIndex)
        var numbers: [Int64] = [Int64(timeBase.numerator), Int64(timeBase.denominator),
                                Int64(frameTimestamps.count), Int64(keyframeTimestamps.count)]
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
