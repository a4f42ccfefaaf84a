import Foundation
import TimelineModel

/// Adjustment layers: the grade of an adjustment layer on a video track applies to the picture
/// the tracks below it make at the frames it covers, after their own clips' grades and
/// transitions, lowest layer first; a layer below the track the picture comes from is covered
/// by it and changes nothing. Titles and subtitles are drawn after (over the graded picture).
extension TimelineRenderer {
    /// The active grades of the adjustment layers over `frame` on visible video tracks above
    /// `baseTrack` (nil: the picture is black, and every layer applies), bottom to top.
    func adjustmentGrades(at frame: Int64, above baseTrack: Int?) -> [Grade] {
        let timeline = project.timeline
        var grades: [Grade] = []
        for t in timeline.videoTracks where !timeline.tracks[t].hidden && t > (baseTrack ?? -1) {
            let items = timeline.tracks[t].items
            guard let (index, _) = items.locate(frame: frame), case .clip(let clip) = items[index], clip.enabled,
                  clip.isAdjustmentLayer, let grade = clip.grade, grade.isActive else { continue }
            grades.append(grade)
        }
        return grades
    }

    /// Whether an adjustment layer changes the picture at `frame` (export cannot pass a decoded
    /// frame through untouched there, nor the scopes read one).
    public func hasAdjustment(at frame: Int64) -> Bool {
        let base: Int?
        switch composition(at: frame) {
        case .black: base = nil
        case .layer(let layer): base = layer.track
        case .transition(_, let from, _, _): base = from.track
        }
        return !adjustmentGrades(at: frame, above: base).isEmpty
    }

    /// Grades the 16-bit picture with each adjustment layer over it.
    func applyAdjustments(to picture: inout RGBA64Image, at frame: Int64, above baseTrack: Int?) {
        for grade in adjustmentGrades(at: frame, above: baseTrack) { gradeProcessor(grade).apply(to: &picture, threads: GradeProcessor.threads) }
    }

    /// The same for the 8-bit preview picture: widened to 16 bits, graded, narrowed once, so it
    /// is the export's 16-bit picture narrowed (as a clip's own grade is).
    func applyAdjustments(to picture: inout RGBAImage, at frame: Int64, above baseTrack: Int?) {
        let grades = adjustmentGrades(at: frame, above: baseTrack)
        guard !grades.isEmpty else { return }
        var deep = RGBA64Image(picture)
        for grade in grades { gradeProcessor(grade).apply(to: &deep, threads: GradeProcessor.threads) }
        picture = RGBAImage(narrowing: deep)
    }
}
