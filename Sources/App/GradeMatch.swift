import Editor
import Foundation
import Render
import TimelineModel

/// `grade-match`: a white-balance and levels correction proposed from the picture itself, as
/// Resolve's auto-balance does. The clip seen at the playhead is drawn ungraded (16-bit R′G′B′);
/// its near-neutral pixels (chroma spread under 10 % of their level, level 15–95 %) are
/// averaged in linear light, and temperature and tint are chosen so that average comes out
/// neutral (`Grade`'s white balance: R·k_R = G·k_G = B·k_B). Levels: the 0.5 % and 99.5 % luma
/// percentiles become black and white through lift and gain (out = gain·(x + lift·(1 − x))),
/// when they are off by more than 2 %. The result replaces the clip's white balance and master
/// lift/gain as one undo step, and the message shows the numbers (undo declines them).
public enum GradeMatch {
    public static let spec = CommandSpec(
        "grade-match", .editing,
        "Propose white balance and levels from the clip's near-neutral pixels (at the playhead) and apply them as one undo step; the numbers are shown",
        changesProject: true) { editor, _ in
        let timeline = editor.timeline
        let frame = editor.context.playhead
        guard let target = timeline.videoTracks.reversed().lazy.filter({ !timeline.tracks[$0].hidden })
            .compactMap({ timeline.clip(at: frame, track: $0) }).first(where: { $0.clip.enabled && $0.clip.media != Clip.generatedMedia }) else {
            throw CommandError("grade-match: no picture clip under the playhead")
        }
        var ungraded = editor.project
        try? ungraded.timeline.setGrade(clip: target.clip.id, nil)
        let renderer = TimelineRenderer(project: ungraded)
        let size = renderer.fittedSize(width: 480, height: 270)
        let picture = renderer.deepPicture(at: frame, width: size.width, height: size.height, overlays: false)
        if let problem = renderer.lastProblem { throw CommandError("grade-match: \(problem)") }
        guard let proposal = propose(picture) else {
            throw CommandError("grade-match: \(target.clip.id) has no near-neutral areas to balance on (nothing changed)")
        }
        var grade = target.clip.grade ?? Grade()
        grade.temperature = proposal.temperature
        grade.tint = proposal.tint
        grade.lift.master = proposal.lift
        grade.gain.master = proposal.gain
        var project = editor.project
        do {
            try project.timeline.setGrade(clip: target.clip.id, grade)
        } catch {
            throw CommandError("grade-match: \(error)")
        }
        editor.setProject(project)
        let text = String(format: "grade-match %@: %d neutral pixels averaged R %.3f G %.3f B %.3f (linear); temperature %+.3f tint %+.3f; black %.3f white %.3f → lift %+.3f gain %.3f (undo to decline)",
                          target.clip.id.description, proposal.neutralCount, proposal.average.0, proposal.average.1, proposal.average.2,
                          proposal.temperature, proposal.tint, proposal.black, proposal.white, proposal.lift, proposal.gain)
        return CommandResult(text, journalLine: GradeJournal.line(target.clip.id, grade), undoLabel: "grade match \(target.clip.id)")
    }

    public struct Proposal: Sendable {
        public var neutralCount: Int
        public var average: (Double, Double, Double)
        public var temperature: Double
        public var tint: Double
        public var black: Double
        public var white: Double
        public var lift: Double
        public var gain: Double
    }

    /// The correction for `picture`, or nil when too few pixels are near neutral (under 0.5 %).
    public static func propose(_ picture: RGBA64Image) -> Proposal? {
        var sum = (0.0, 0.0, 0.0)
        var count = 0
        var lumaCounts = [Int](repeating: 0, count: 1024)
        let pixels = picture.width * picture.height
        for p in 0..<pixels {
            let r = Double(picture.samples[p * 4]) / 65_535, g = Double(picture.samples[p * 4 + 1]) / 65_535
            let b = Double(picture.samples[p * 4 + 2]) / 65_535
            let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
            lumaCounts[min(Int(y * 1023), 1023)] += 1
            let high = max(r, g, b), low = min(r, g, b)
            if y > 0.15, y < 0.95, high - low < 0.1 * high {
                sum.0 += pow(r, 2.4); sum.1 += pow(g, 2.4); sum.2 += pow(b, 2.4)
                count += 1
            }
        }
        guard count >= max(pixels / 200, 1) else { return nil }
        let average = (sum.0 / Double(count), sum.1 / Double(count), sum.2 / Double(count))
        let limit = Grade.Limits.balance
        let clamp = { (v: Double) in min(max(v, limit.lowerBound), limit.upperBound) }
        // k_R / k_B = 2^T must equal B / R; then k_G = 2^(−N/2) must bring G to R · 2^(T/2).
        let temperature = clamp(log2(average.2 / average.0))
        let tint = clamp(-2 * log2(pow(2, temperature / 2) * average.0 / average.1))
        func percentile(_ fraction: Double) -> Double {
            let wanted = Int(Double(pixels) * fraction)
            var seen = 0
            for (i, n) in lumaCounts.enumerated() {
                seen += n
                if seen > wanted { return Double(i) / 1023 }
            }
            return 1
        }
        let black = percentile(0.005), white = percentile(0.995)
        var lift = 0.0, gain = 1.0
        if black > 0.02, black < 0.5 { lift = -black / (1 - black) }
        if white < 0.98, white > 0.5 { gain = 1 / (white + lift * (1 - white)) }
        return Proposal(neutralCount: count, average: average, temperature: temperature, tint: tint, black: black, white: white,
                        lift: min(max(lift, Grade.Limits.lift.lowerBound), 0), gain: min(gain, Grade.Limits.gain.upperBound))
    }
}
