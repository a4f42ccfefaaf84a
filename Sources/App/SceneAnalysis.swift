import Analysis
import Foundation
import Media
import Synchronization

/// Scene detection on a media file: every frame decoded through Media's `VideoSource`,
/// downscaled by swscale to a small RGB picture, reduced to its HSV signature, then the
/// frame-to-frame changes (`SceneChanges`), which are cached per file state in
/// `MediaCacheFolder.root/scenes/` so another run with other settings decodes nothing. For
/// `termcut scenes`, `termcut bench auto` and the editor's `detect-scenes`.
public enum SceneAnalysis {
    /// Signature size: small enough that noise and grain average out, big enough for shapes.
    static let width = 64, height = 36

    public struct Result: Sendable {
        public var cuts: [Int]
        public var frameCount: Int
        /// Frames per second of the video stream.
        public var rate: Double
    }

    /// Times the frames were decoded in this process (tests check the cache with it).
    public static var decodeCount: Int { decodes.withLock { $0 } }
    private static let decodes = Mutex(0)

    public static func detect(_ url: URL, settings: SceneDetector.Settings = .init(), useCache: Bool = true,
                              progress: ((Double) -> Bool)? = nil) throws(CLIError) -> Result {
        let (changes, rate) = try changes(url, useCache: useCache, progress: progress)
        return Result(cuts: SceneDetector(settings: settings).cuts(changes), frameCount: changes.frameCount, rate: rate)
    }

    static func changes(_ url: URL, useCache: Bool, progress: ((Double) -> Bool)?) throws(CLIError) -> (SceneChanges, Double) {
        let identity: MediaFileIdentity
        do { identity = try MediaFileIdentity(path: url.path) } catch { throw CLIError(error.description) }
        let cache = MediaCacheFolder.root.appendingPathComponent("scenes", isDirectory: true)
            .appendingPathComponent("\(identity.cacheKey).tcsc")
        if useCache, let stored = read(cache, identity: identity) { return stored }
        decodes.withLock { $0 += 1 }
        let source: VideoSource
        do { source = try VideoSource(url: url, readAheadFrames: 0) } catch { throw CLIError(error.description) }
        let count = source.index.frameCount
        var builder = SceneChanges.Builder()
        var lastReport = Date()
        for n in 0..<count {
            do {
                let frame = try source.frame(at: .frameNumber(n))
                builder.add(SceneDetector.Signature(rgb: try frame.converted(to: .rgb24, width: width, height: height).bytes))
            } catch {
                throw CLIError(error.description)
            }
            if let progress, Date().timeIntervalSince(lastReport) > 0.1 {
                lastReport = Date()
                if !progress(Double(n) / Double(max(1, count))) { throw CLIError("\(url.path): cancelled") }
            }
        }
        let rate = source.frameRate?.doubleValue ?? 25
        let changes = builder.finish()
        save(changes, rate: rate, identity: identity, to: cache)
        return (changes, rate)
    }

    // MARK: Cache

    private static let magic = Array("TCSC1\n".utf8)

    /// Layout: magic, identity JSON (length-prefixed Int64), rate (Float64), frame count (Int64),
    /// then depth × frame count Float32; little-endian. Written under a temporary name and renamed.
    static func save(_ changes: SceneChanges, rate: Double, identity: MediaFileIdentity, to url: URL) {
        guard let json = try? JSONEncoder().encode(identity) else { return }
        var data = Data(magic)
        func append(_ number: Int64) { withUnsafeBytes(of: number.littleEndian) { data.append(contentsOf: $0) } }
        append(Int64(json.count))
        data.append(json)
        append(Int64(bitPattern: rate.bitPattern))
        append(Int64(changes.frameCount))
        changes.differences.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        let temporary = url.appendingPathExtension("partial-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)  // failing to cache only costs a recompute
        }
    }

    static func read(_ url: URL, identity: MediaFileIdentity) -> (SceneChanges, Double)? {
        guard let data = try? Data(contentsOf: url), data.count > magic.count + 8, Array(data.prefix(magic.count)) == magic else { return nil }
        return data.withUnsafeBytes { raw -> (SceneChanges, Double)? in
            var offset = magic.count
            func number() -> Int64? {
                guard offset + 8 <= raw.count else { return nil }
                defer { offset += 8 }
                return Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
            }
            guard let length = number(), length > 0, offset + Int(length) <= raw.count,
                  let stored = try? JSONDecoder().decode(MediaFileIdentity.self, from: Data(raw[offset..<(offset + Int(length))])),
                  stored == identity else { return nil }
            offset += Int(length)
            guard let rateBits = number(), let count = number(), count >= 0,
                  offset + Int(count) * SceneChanges.depth * 4 == raw.count else { return nil }
            let rate = Double(bitPattern: UInt64(bitPattern: rateBits))
            guard rate.isFinite, rate > 0 else { return nil }
            let values = (0..<(Int(count) * SceneChanges.depth)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * 4, as: UInt32.self)))
            }
            return (SceneChanges(frameCount: Int(count), differences: values), rate)
        }
    }
}
