import Foundation
import Media
import TimelineModel

/// `render --smart`, as Premiere's and Resolve's smart rendering: where the preset's
/// encoding matches the sources (codec, profile, size, rate, pixel format, sound codec),
/// the GOPs that lie whole inside a clip are copied as packets and only the partial GOPs at
/// each cut are re-encoded with matching parameters (`CopyPlan` in smart mode). Asked for
/// explicitly rather than chosen automatically, because its re-encoded frames follow the
/// source's quality (x264 CRF 16), not the preset's CRF, and the sound is copied, not mixed.
public enum SmartRender {
    static let codecs = ["libx264": "h264", "h264": "h264"]

    /// The copy plan of a smart render of `render`'s range, or an error naming each
    /// difference between the preset and the sources.
    public static func plan(project: Project, render: RenderPlan) throws(DeliveryError) -> CopyPlan {
        var plan = try CopyPlan.make(project: project, output: render.output, frames: render.frames, snap: .smart)
        plan.formatName = render.settings.container
        plan.containerOptions = render.settings.containerOptions
        let problems = mismatches(render, sources: plan.sourcePaths)
        guard problems.isEmpty else {
            throw DeliveryError("a smart render needs the preset to match the sources, and preset '\(render.preset.name)' differs: "
                                + problems.joined(separator: "; ") + " (render without --smart, or pick settings that match)")
        }
        return plan
    }

    static func mismatches(_ render: RenderPlan, sources: [String]) -> [String] {
        guard let path = sources.first, let info = try? MediaProbe.probe(path: path), let video = info.primaryVideo else {
            return ["the first source cannot be read"]
        }
        var out: [String] = []
        guard let v = render.settings.video else { return ["the preset has no picture"] }
        if codecs[v.codec] != video.codecName { out.append("codec \(v.codec) vs the source's \(video.codecName)") }
        if v.width != video.width || v.height != video.height {
            out.append("size \(v.width)x\(v.height) vs \(video.width ?? 0)x\(video.height ?? 0)")
        }
        if video.quarterTurns != 0 {
            // Its packets are stored turned; the rendered frames between them are upright.
            out.append("the source is shown turned by its display matrix (\(Int(video.rotation ?? 0))°, as probe says), so its packets cannot be copied upright")
        }
        if v.pixelFormat != video.pixelFormat { out.append("pixel format \(v.pixelFormat) vs \(video.pixelFormat ?? "?")") }
        if let rate = video.frameRate, rate.isValid,
           Int64(rate.numerator) * Int64(v.frameRate.denominator) != Int64(rate.denominator) * Int64(v.frameRate.numerator) {
            out.append("rate \(v.frameRate) vs \(rate)")
        }
        if let profile = v.options["profile"], let source = video.profile,
           profile.lowercased() != source.lowercased().replacingOccurrences(of: " ", with: "") {
            out.append("profile \(profile) vs \(source)")
        }
        if let a = render.settings.audio, let sound = info.primaryAudio {
            let name = a.codec == "libfdk_aac" ? "aac" : a.codec
            if name != sound.codecName { out.append("sound codec \(a.codec) vs \(sound.codecName)") }
        }
        if render.preset.loudness != nil {
            out.append("the preset normalises loudness but a smart render copies the sound (add --keep-loudness)")
        }
        return out
    }
}
