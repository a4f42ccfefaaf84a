import Analysis
import Foundation
import Media

/// Scene detection on a media file: every frame decoded through Media's `VideoSource`,
/// downscaled by swscale to a small RGB picture, reduced to its HSV signature, then
/// `SceneDetector`. For `termcut scenes` and the editor's `detect-scenes`.
public enum SceneAnalysis {
    /// Signature size: small enough that noise and grain average out, big enough for shapes.
    static let width = 64, height = 36

    public struct Result: Sendable {
        public var cuts: [Int]
        public var frameCount: Int
        /// Frames per second of the video stream.
        public var rate: Double
        public var rational: MediaRational?
    }

    public static func detect(_ url: URL, settings: SceneDetector.Settings = .init(),
                              progress: ((Double) -> Bool)? = nil) throws(CLIError) -> Result {
        let source: VideoSource
        do { source = try VideoSource(url: url, readAheadFrames: 0) } catch { throw CLIError(error.description) }
        let count = source.index.frameCount
        var signatures: [SceneDetector.Signature] = []
        signatures.reserveCapacity(count)
        var lastReport = Date()
        for n in 0..<count {
            do {
                let frame = try source.frame(at: .frameNumber(n))
                signatures.append(SceneDetector.Signature(rgb: try frame.converted(to: .rgb24, width: width, height: height).bytes))
            } catch {
                throw CLIError(error.description)
            }
            if let progress, Date().timeIntervalSince(lastReport) > 0.1 {
                lastReport = Date()
                if !progress(Double(n) / Double(max(1, count))) { throw CLIError("\(url.path): cancelled") }
            }
        }
        let rational = source.frameRate
        let rate = rational?.doubleValue ?? 25
        return Result(cuts: SceneDetector(settings: settings).cuts(signatures), frameCount: count, rate: rate, rational: rational)
    }
}
