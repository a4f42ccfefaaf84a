import Foundation
import TimelineModel

/// Sound clean-up per clip (high-pass, noise reduction, a bypass to compare) and the master
/// limiter. The model checks every value before anything changes (`ClipCleanup`).
enum CleanupCommands {
    /// afftdn's own default reduction, and the high-pass editors reach for on speech
    /// (Premiere's and Resolve's dialogue presets cut around 80 Hz).
    static let defaultDenoiseDB = 12.0
    static let defaultHighpassHz = 80.0

    static let all: [CommandSpec] = [
        CommandSpec("denoise", .editing, "Reduce a clip's steady noise (libavfilter afftdn) by some dB (default 12), or off",
                    arguments: [ArgumentSpec("amount", .word, optional: true, "reduction in dB (0.01 to 97), or off"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let (text, named) = clipInFirstPlace(editor, args, "amount")
            let amount = try value(text, args.command, unit: "db", default: defaultDenoiseDB, what: "a noise reduction in dB")
            let clips = try MixCommands.soundClips(editor, try named.map { [$0] } ?? editor.targetClips(args), args.command)
            let what = amount.map { "noise reduction \(ClipCleanupText.number($0)) dB" } ?? "noise reduction off"
            return try editor.edit("\(what) on \(list(clips))") { (t: inout Timeline) throws(EditError) in
                for id in clips { try t.setCleanup(clip: id) { $0.denoiseDB = amount } }
                return EditOutcome()
            }
        },
        CommandSpec("highpass", .editing, "Cut a clip's rumble below a frequency in Hz (default 80), or off",
                    arguments: [ArgumentSpec("frequency", .word, optional: true, "cut-off in Hz (10 to 20000), or off"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let (text, named) = clipInFirstPlace(editor, args, "frequency")
            let hz = try value(text, args.command, unit: "hz", default: defaultHighpassHz, what: "a frequency in Hz")
            let clips = try MixCommands.soundClips(editor, try named.map { [$0] } ?? editor.targetClips(args), args.command)
            let what = hz.map { "high-pass at \(ClipCleanupText.number($0)) Hz" } ?? "high-pass off"
            return try editor.edit("\(what) on \(list(clips))") { (t: inout Timeline) throws(EditError) in
                for id in clips { try t.setCleanup(clip: id) { $0.highpassHz = hz } }
                return EditOutcome()
            }
        },
        CommandSpec("cleanup-bypass", .editing, "Bypass a clip's clean-up to hear it untouched (toggles; or on/off)",
                    arguments: [ArgumentSpec("state", .word, optional: true, "on, off or toggle (default)"),
                                ArgumentSpec("clip", .clip, optional: true, "clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let (text, named) = clipInFirstPlace(editor, args, "state")
            let state = text?.lowercased() ?? "toggle"
            guard ["on", "off", "toggle"].contains(state) else {
                throw CommandError("\(args.command): \"\(text ?? "")\" is not on, off or toggle")
            }
            let clips = try MixCommands.soundClips(editor, try named.map { [$0] } ?? editor.targetClips(args), args.command)
            for id in clips where editor.timeline.clip(id)?.clip.cleanup == nil {
                throw CommandError("\(args.command): \(id) has no clean-up to bypass (set one with denoise or highpass)")
            }
            var states: [String] = []
            let result = try editor.edit("clean-up bypass \(state) on \(list(clips))") { (t: inout Timeline) throws(EditError) in
                for id in clips {
                    try t.setCleanup(clip: id) { c in
                        c.bypass = state == "on" ? true : state == "off" ? false : !c.bypass
                        states.append("\(id) \(c.bypass ? "bypassed" : "active") (\(ClipCleanupText.describe(c)))")
                    }
                }
                return EditOutcome()
            }
            return CommandResult("clean-up " + states.joined(separator: ", "), undoLabel: result.undoLabel)
        },
        CommandSpec("master-limiter", .tracks, "Turn the limiter on the master bus on (ceiling in dBFS, default -1), off, or toggle it",
                    arguments: [ArgumentSpec("state", .choice(["on", "off", "toggle"]), optional: true, "on, off or toggle (default)"),
                                ArgumentSpec("ceiling", .number, optional: true, "highest peak in dB, -30 to 0 (default -1)")],
                    changesProject: true) { editor, args in
            let state = args["state"] ?? "toggle"
            let on = state == "toggle" ? editor.timeline.masterLimiter == nil : state == "on"
            var ceiling = editor.timeline.masterLimiter?.ceilingDB ?? -1
            if args["ceiling"] != nil {
                guard on else { throw CommandError("\(args.command): a ceiling goes with on (master-limiter on -1)") }
                ceiling = try MixCommands.level(args, "ceiling")
            }
            let limiter = on ? MasterLimiter(ceilingDB: ceiling) : nil
            return try editor.edit(on ? "master limiter on at \(ClipCleanupText.number(ceiling)) dB" : "master limiter off") { (t: inout Timeline) throws(EditError) in
                try t.setMasterLimiter(limiter)
                return EditOutcome()
            }
        },
    ]

    /// The first argument's text, unless it names a clip and no clip follows (`highpass c3`:
    /// the clip, with the default value, as `fade-in 1s c3` reads).
    static func clipInFirstPlace(_ editor: Editor, _ args: Arguments, _ name: String) -> (String?, ClipID?) {
        guard let text = args[name], args["clip"] == nil, text.lowercased().hasPrefix("c"), let id = try? editor.parseClipID(text) else {
            return (args[name], nil)
        }
        return (nil, id)
    }

    /// A value as typed (`12`, `12dB`, `80Hz`), nil for `off`, the default when absent.
    static func value(_ typed: String?, _ command: String, unit: String, default fallback: Double, what: String) throws(CommandError) -> Double? {
        guard let text = typed?.trimmingCharacters(in: .whitespaces) else { return fallback }
        let lower = text.lowercased()
        if lower == "off" || lower == "none" { return nil }
        let number = lower.hasSuffix(unit) ? String(lower.dropLast(unit.count)) : lower
        guard let value = Double(number), value.isFinite else {
            throw CommandError("\(command): \"\(text)\" is not \(what) (give a number, or off)")
        }
        return value
    }

    static func list(_ clips: [ClipID]) -> String { clips.map(\.description).joined(separator: ",") }
}

/// How clean-up settings read in messages and the clip's details.
enum ClipCleanupText {
    static func number(_ value: Double) -> String { String(format: "%g", value) }

    static func describe(_ c: ClipCleanup) -> String {
        var parts: [String] = []
        if let hz = c.highpassHz { parts.append("high-pass \(number(hz)) Hz") }
        if let dB = c.denoiseDB { parts.append("denoise \(number(dB)) dB") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}

/// Sources as they were recorded: how edited-in sound lands on tracks, and which channel a clip plays.
enum ChannelCommands {
    static let all: [CommandSpec] = [
        CommandSpec("audio-mapping", .tracks, "How edited-in sound lands: stereo (one clip) or mono-pairs (a mono clip per channel on A1, A2…)",
                    arguments: [ArgumentSpec("mapping", .choice(AudioMapping.allCases.map(\.rawValue)), "stereo or mono-pairs")],
                    changesProject: true) { editor, args in
            let mapping = AudioMapping(rawValue: try args.string("mapping"))!
            return try editor.edit("audio mapping \(mapping.rawValue)") { (t: inout Timeline) throws(EditError) in
                t.audioMapping = mapping == .stereo ? nil : mapping
                return EditOutcome()
            }
        },
        CommandSpec("audio-map", .editing, "Play one source channel of an audio clip (1, 2, … as mono), or all",
                    arguments: [ArgumentSpec("channel", .word, "channel number from 1, or all"),
                                ArgumentSpec("clip", .clip, optional: true, "audio clip (default: selected, else under the playhead)")],
                    changesProject: true) { editor, args in
            let text = try args.string("channel").lowercased()
            var channel: Int?
            if text != "all" {
                guard let n = Int(text), n >= 1 else {
                    throw CommandError("\(args.command): \"\(text)\" is not a channel (give 1, 2, … or all)")
                }
                channel = n - 1
            }
            let clips = try MixCommands.soundClips(editor, try editor.targetClips(args), args.command)
            let what = channel.map { "channel \($0 + 1)" } ?? "all channels"
            return try editor.edit("\(CleanupCommands.list(clips)) plays \(what)") { (t: inout Timeline) throws(EditError) in
                for id in clips {
                    let media = t.clip(id).flatMap { hit in editor.project.mediaReference(hit.clip.media) }
                    try t.setClipChannel(clip: id, channel, channels: media?.audio?.channels ?? 0)
                }
                return EditOutcome()
            }
        },
    ]
}
