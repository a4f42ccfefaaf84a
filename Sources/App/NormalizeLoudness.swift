import Analysis
import Delivery
import Editor
import Foundation
import Render
import TimelineModel

/// `normalize [--target -16] [--ceiling -1] [clip|track [A1]|programme]`: brings a clip, a track
/// or the whole programme to a loudness target as ONE undoable clip-gain change on every clip
/// concerned (the same dB on each, so their balance is kept), never a hidden render step.
///
/// The loudness is measured on Render's mix as heard (fades, keyframes and, for the programme,
/// faders and pans included): a clip alone on its track with the fader at unity, a track soloed,
/// or the programme. When the target gain would lift the true peak over the ceiling, the gain
/// stops at the ceiling (a clip gain cannot limit) and the report says so. Before and after are
/// both measured and reported.
public enum NormalizeLoudness {
    public enum Scope: Equatable, Sendable {
        case clips([ClipID])
        case track(Int)
        case programme
    }

    public struct Options: Equatable, Sendable {
        public var targetLUFS: Double = -16
        public var ceilingDBTP: Double? = -1
        /// nil: the selected clips when there are any, else the programme.
        public var scope: String?
        public var track: String?
    }

    public static let spec = CommandSpec(
        "normalize", .editing,
        "Bring a clip, a track or the programme to a loudness target (-14 YouTube, -16 podcast, -23 EBU R128) under a true-peak ceiling, as one clip-gain change",
        arguments: [ArgumentSpec("options", .text, optional: true, "[--target -16] [--ceiling -1|none] [clip|track [A1]|programme]")],
        changesProject: true
    ) { editor, args in
        let options = try parse(args["options"] ?? "")
        let scope = try resolve(options, editor: editor)
        return try apply(editor: editor, scope: scope, target: options.targetLUFS, ceiling: options.ceilingDBTP)
    }

    /// The words of the command: `--target V`, `--ceiling V|none`, a bare number as the target,
    /// `clip`, `track` (optionally followed by its name), `programme` (or `program`, `timeline`), a track name.
    public static func parse(_ text: String) throws(CommandError) -> Options {
        var options = Options()
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
        func number(_ word: String?, _ what: String) throws(CommandError) -> Double {
            guard let word, let v = Double(word.lowercased().replacingOccurrences(of: "lufs", with: "").replacingOccurrences(of: "dbtp", with: "")),
                  v.isFinite else {
                throw CommandError("normalize: \(what) needs a number; got \"\(word ?? "")\"")
            }
            return v
        }
        while let word = words.popFirst() {
            let lower = word.lowercased()
            if lower.hasPrefix("--target") || lower.hasPrefix("target=") {
                options.targetLUFS = try number(lower.contains("=") ? String(lower.split(separator: "=").last ?? "") : words.popFirst(), "--target")
            } else if lower.hasPrefix("--ceiling") || lower.hasPrefix("ceiling=") {
                let value = lower.contains("=") ? String(lower.split(separator: "=").last ?? "") : words.popFirst()
                options.ceilingDBTP = value?.lowercased() == "none" ? nil : try number(value, "--ceiling")
            } else if ["clip", "track", "programme", "program", "timeline"].contains(lower) {
                options.scope = lower == "program" || lower == "timeline" ? "programme" : lower
            } else if let v = Double(lower.replacingOccurrences(of: "lufs", with: "")), v.isFinite {
                options.targetLUFS = v
            } else {
                options.track = word
                if options.scope == nil { options.scope = "track" }
            }
        }
        guard (-70.0 ... -5.0).contains(options.targetLUFS) else {
            throw CommandError("normalize: a target of \(options.targetLUFS) LUFS is out of range: give -70 to -5 (-14 YouTube, -16 podcast, -23 EBU R128)")
        }
        if let c = options.ceilingDBTP, !(-20.0 ... 0.0).contains(c) {
            throw CommandError("normalize: a ceiling of \(c) dBTP is out of range: give -20 to 0, or none")
        }
        return options
    }

    static func resolve(_ options: Options, editor: Editor) throws(CommandError) -> Scope {
        let timeline = editor.timeline
        switch options.scope ?? (editor.context.selectedClips.isEmpty ? "programme" : "clip") {
        case "clip":
            var ids = editor.context.selectedClips.sorted()
            if ids.isEmpty {
                guard let (clip, _) = MeasureLoudness.clipUnderPlayhead(editor.project, playhead: editor.context.playhead,
                                                                        audioTarget: editor.context.audioTarget) else {
                    throw CommandError("normalize: no clip selected and none under the playhead")
                }
                ids = [clip.id]
            }
            // A picture clip stands for the sound linked to it.
            var sound: [ClipID] = []
            for id in ids {
                guard let hit = timeline.clip(id) else { continue }
                let candidates = timeline.tracks[hit.track].kind == .audio ? [id]
                    : timeline.linkedClips(of: id).filter { timeline.tracks[$0.track].kind == .audio }.map(\.clip.id)
                for c in candidates where !sound.contains(c) { sound.append(c) }
            }
            guard !sound.isEmpty else { throw CommandError("normalize: the clip has no sound (no linked audio clip)") }
            return .clips(sound)
        case "track":
            let name = options.track ?? editor.context.audioTarget.map { timeline.tracks[$0].name } ?? "A1"
            guard let t = timeline.trackIndex(named: name) else {
                throw CommandError("normalize: no track named \(name) (tracks: \(timeline.tracks.map(\.name).joined(separator: " ")))")
            }
            guard timeline.tracks[t].kind == .audio else { throw CommandError("normalize: \(name) is not an audio track") }
            return .track(t)
        default:
            return .programme
        }
    }

    /// The project as the measurement hears it, the record frames to measure, and the clips the gain goes on.
    public static func measurement(_ project: Project, _ scope: Scope) -> (project: Project, frames: Range<Int64>, clips: [ClipID]) {
        var p = project
        var t = p.timeline
        func sounding(_ c: Clip) -> Bool {
            c.enabled && c.media != Clip.generatedMedia && p.mediaReference(c.media)?.audio != nil
        }
        switch scope {
        case .programme:
            let clips = AudioMix.audibleTracks(t).flatMap { t.tracks[$0].clips.map(\.clip).filter(sounding).map(\.id) }
            return (p, 0..<t.duration, clips)
        case .track(let index):
            for i in t.tracks.indices { t.tracks[i].muted = i != index; t.tracks[i].solo = false }
            p.timeline = t
            return (p, 0..<t.tracks[index].duration, t.tracks[index].clips.map(\.clip).filter(sounding).map(\.id))
        case .clips(let ids):
            let places = ids.compactMap { t.clip($0) }
            let tracks = Set(places.map(\.track))
            for i in t.tracks.indices {
                t.tracks[i].muted = !tracks.contains(i); t.tracks[i].solo = false
                if tracks.contains(i) { t.tracks[i].volumeDB = 0; t.tracks[i].pan = 0 }
            }
            // Only these clips sound: the others on their tracks are switched off for the measurement.
            for i in tracks {
                t.tracks[i].locked = false
                for (c, _) in t.tracks[i].clips where !ids.contains(c.id) { try? t.setEnabled(clip: c.id, false) }
            }
            p.timeline = t
            let start = places.map(\.record.start).min() ?? 0, end = places.map(\.record.end).max() ?? 0
            return (p, start..<end, ids)
        }
    }

    static func apply(editor: Editor, scope: Scope, target: Double, ceiling: Double?) throws -> CommandResult {
        let what: String
        switch scope {
        case .clips(let ids): what = ids.map(\.description).joined(separator: ",")
        case .track(let t): what = editor.timeline.tracks[t].name
        case .programme: what = "the programme"
        }
        let (measured, frames, clips) = measurement(editor.project, scope)
        guard !clips.isEmpty, !frames.isEmpty else { throw CommandError("normalize: \(what) has no sound to measure") }
        let before = try ProgrammeLoudness.measure(measured, frames: frames)
        guard before.integrated.isFinite else {
            throw CommandError("normalize: \(what) is silent (below -70 LUFS) or shorter than 0.4 s; nothing changed")
        }
        var gain = target - before.integrated
        var held = false
        if let ceiling, before.truePeak + gain > ceiling {
            // 0.2 dB under the ceiling: true-peak meters differ by about that much in how they
            // oversample (libebur128 against FFmpeg's ebur128), and a delivery checked by another
            // meter must still pass.
            gain = ceiling - 0.2 - before.truePeak
            held = true
        }
        let summary = "normalize \(what) to \(f(target)) LUFS: gain \(signed(gain)) dB on \(clips.count) clip\(clips.count == 1 ? "" : "s")"
        // Every clip or none: the gains are set on a copy, which replaces the project only when all succeed.
        var changed = editor.project
        for id in clips {
            guard let hit = changed.timeline.clip(id) else { continue }
            do {
                try changed.timeline.setClipGain(clip: id, hit.clip.gainDB + gain)
            } catch {
                throw CommandError("normalize: \(id) would need a gain of \(signed(hit.clip.gainDB + gain)) dB: \(error.message); nothing changed")
            }
        }
        editor.setProject(changed)
        let after = try ProgrammeLoudness.measure(measurement(editor.project, scope).project, frames: frames)
        var text = "\(summary); before I \(f(before.integrated)) LUFS, TP \(f(before.truePeak)) dBTP; after I \(f(after.integrated)) LUFS, TP \(f(after.truePeak)) dBTP"
        if held, let ceiling { text += " (held by the \(f(ceiling)) dBTP ceiling: \(f(target - before.integrated - gain)) LU short of the target)" }
        // The journal keeps the gain applied, not the measurement: replaying it after a crash gives
        // exactly this project without measuring again.
        let journal = "clip-gain-nudge \(String(format: "%.17g", gain)) \(clips.map(\.description).joined(separator: ","))"
        return CommandResult(text, journalLine: journal, undoLabel: summary)
    }

    static func f(_ v: Double) -> String { v.isFinite ? String(format: "%.1f", v) : "-inf" }
    static func signed(_ v: Double) -> String { (v >= 0 ? "+" : "") + String(format: "%.2f", v) }
}
