import Foundation
import Media
import TimelineModel

/// Colour correction where a clip's picture is drawn. A graded clip is always converted to
/// 16-bit R′G′B′ (in its own matrix and range), graded there and fitted, so the preview (8-bit,
/// narrowed once at the end), the scopes (which read the preview's picture) and export all
/// show the same grade, and the grade never works on 8-bit values. The letterbox bars stay
/// black: the grade applies to the media, not to the frame around it, as in Resolve.
extension TimelineRenderer {
    /// The grade to draw on `layer`'s clip, or nil where there is none (or it is bypassed).
    public func grade(of layer: PictureLayer) -> Grade? {
        guard let grade = project.timeline.clip(layer.clip)?.clip.grade, grade.isActive else { return nil }
        return grade
    }

    /// The compiled grade; a LUT that cannot be read is left out and named in `lastProblem`
    /// (the picture stays graded by the rest, and the message line says why the look is missing).
    func gradeProcessor(_ grade: Grade) -> GradeProcessor {
        switch GradeProcessorCache.shared.processor(for: grade) {
        case .success(let processor):
            return processor
        case .failure(let error):
            lastProblem = "grade: \(error.description)"
            var withoutLUT = grade
            withoutLUT.lut = nil
            return (try? GradeProcessorCache.shared.processor(for: withoutLUT).get()) ?? (try! GradeProcessor(Grade()))
        }
    }

    /// `frame` converted to 16 bits, graded (when there is a grade), and fitted into
    /// `width`×`height` by its display aspect (the same geometry as `fit`). Bars stay black:
    /// the grade applies to the picture before it is placed.
    func gradedPicture(_ frame: VideoFrame, grade: Grade?, width: Int, height: Int,
                       sampleAspect: MediaRational?) throws(MediaError) -> RGBA64Image {
        let processor = grade.map(gradeProcessor)
        var aspectWidth = frame.width, aspectHeight = frame.height
        if let sar = sampleAspect, sar.isValid, sar.numerator != sar.denominator {
            aspectWidth *= sar.numerator
            aspectHeight *= sar.denominator
        }
        if fit == .fill {
            let crop = PictureFit.cropCovering(aspectWidth: aspectWidth, aspectHeight: aspectHeight, frameWidth: frame.width,
                                               frameHeight: frame.height, boxWidth: width, boxHeight: height)
            var picture = RGBA64Image(try frame.converted(to: .rgba64, width: width, height: height, crop: (crop.x, crop.y, crop.width, crop.height)))
            processor?.apply(to: &picture, threads: GradeProcessor.threads)
            return picture
        }
        let box = PixelRect(x: 0, y: 0, width: width, height: height)
        let rect = PixelRect.fitting(aspectWidth: aspectWidth, aspectHeight: aspectHeight, in: box)
        var picture = RGBA64Image(try frame.converted(to: .rgba64, width: rect.width, height: rect.height))
        processor?.apply(to: &picture, threads: GradeProcessor.threads)
        if rect == box { return picture }
        var canvas = RGBA64Image(width: width, height: height)
        canvas.draw(picture, atX: rect.x, y: rect.y)
        return canvas
    }
}

extension RGBAImage {
    /// Narrows a 16-bit picture to 8 bits, rounding to the nearest (v × 255 / 65535).
    public init(narrowing image: RGBA64Image) {
        let bytes = image.samples.map { UInt8((UInt32($0) * 255 + 32_767) / 65_535) }
        self.init(width: image.width, height: image.height, bytes: bytes)
    }
}

/// Compiled grades shared by every renderer (preview, scopes and export each have their own
/// renderer; a grade's tables cost a few milliseconds to build and are the same for all).
final class GradeProcessorCache: @unchecked Sendable {
    static let shared = GradeProcessorCache()
    private let lock = NSLock()
    private var entries: [Grade: Result<GradeProcessor, CubeLUTError>] = [:]
    private var order: [Grade] = []
    /// A grading session nudges through many grades; the last few are what is drawn.
    private let capacity = 16

    func processor(for grade: Grade) -> Result<GradeProcessor, CubeLUTError> {
        lock.lock()
        if let hit = entries[grade] { lock.unlock(); return hit }
        lock.unlock()
        let made = Result { () throws(CubeLUTError) in try GradeProcessor(grade) }
        lock.lock()
        defer { lock.unlock() }
        // A LUT that failed is tried again next time (the user may fix the file).
        if entries[grade] == nil, case .success = made {
            entries[grade] = made
            order.append(grade)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        return made
    }
}
