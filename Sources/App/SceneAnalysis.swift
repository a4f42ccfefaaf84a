import Analysis
import Foundation
import Media
import Synchronization

/// Scene detection on a media file: every frame decoded through Media's `VideoSource`,
/// averaged over a grid of cells into a small RGB picture (`VideoFrame.cellAverages`; swscale
/// for formats it does not read), reduced to its HSV signature, then the
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
        // A cache of its own that keeps nothing: every frame is read once, and frames the shared
        // cache held would keep the decoder from reusing its buffers (a fresh 1080p picture a
        // frame costs page faults, about 8 % of the time in `bench auto`).
        do { source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0) } catch { throw CLIError(error.description) }
        let count = source.index.frameCount
        var builder = SceneChanges.Builder()
        var lastReport = Date()
        for n in 0..<count {
            do {
                let frame = try source.frame(at: .frameNumber(n))
                var small = frame.cellAverages(width: width, height: height)
                if small == nil { small = try frame.converted(to: .rgb24, width: width, height: height) }
                builder.add(SceneDetector.Signature(rgb: small!.bytes))
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

    /// Version 2: signatures are cell averages, not swscale's bicubic picture; version 1
    /// changes do not compare with new ones, so they are read as absent and recomputed.
    private static let magic = Array("TCSC2\n".utf8)

    /// Layout: magic, identity JSON (length-prefixed Int64), rate (Float64), frame count (Int64),
    /// then depth × frame count Float32; little-endian. Written under a temporary name and renamed.
    static func save(_ changes: SceneChanges, rate: Double, identity: MediaFileIdentity, to url: URL) {
        AnalysisCacheFile.write(url, magic: magic, identity: identity,
                                numbers: [Int64(bitPattern: rate.bitPattern), Int64(changes.frameCount)], floats: changes.differences)
    }

    static func read(_ url: URL, identity: MediaFileIdentity) -> (SceneChanges, Double)? {
        guard let file = AnalysisCacheFile.read(url, magic: magic, numberCount: 2, floatCount: { numbers in
            Int(exactly: numbers[1]).flatMap { $0.multipliedReportingOverflow(by: SceneChanges.depth).overflow ? nil : $0 * SceneChanges.depth }
        }), file.identity == identity else { return nil }
        let rate = Double(bitPattern: UInt64(bitPattern: file.numbers[0]))
        guard rate.isFinite, rate > 0 else { return nil }
        return (SceneChanges(frameCount: Int(file.numbers[1]), differences: file.floats), rate)
    }
}
