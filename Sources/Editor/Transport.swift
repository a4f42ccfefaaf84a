import TimelineModel

/// What the user asked playback to do. Commands set it; the playback engine reads it each tick
/// and moves the playhead. It is not part of the project and is never journaled.
public struct TransportState: Hashable, Sendable {
    /// Frames of programme per frame of real time: 0 stopped, negative backwards.
    public var speed: Double = 0
    /// Play only this range (in to out, play-around), stopping — or looping — at its end.
    public var range: FrameRange?
    public var loop = false
    /// Where the playhead goes back to when a play-around ends (Avid returns to the edit).
    public var returnTo: Int64?
    /// Bumped by every transport command, so the engine notices a new request even at the same speed.
    public var generation = 0

    public var isPlaying: Bool { speed != 0 }
    public init() {}
}

/// How the preview window should look. Commands set it; the front end applies it to the window.
public struct PreviewSettings: Hashable, Sendable {
    public var visible = true
    public var timecode = false
    /// Title-safe and action-safe guides (90% and 80% of the picture, SMPTE RP 2046-1 style).
    public var safeGuides = false
    public var fullscreen = false
    public init() {}
}

/// J/K/L shuttle and the play commands, as Avid and Premiere define them: repeated L doubles
/// the forward speed up to 8x, J the same backwards; K always stops (it never resumes at a
/// previous speed); slow motion is a quarter speed.
enum PlaybackCommands {
    static let shuttleSpeeds: [Double] = [1, 2, 4, 8]

    static let all: [CommandSpec] = [
        CommandSpec("play-forward", .playback, "Play forward; again for 2x, 4x, 8x (L)") { editor, _ in
            shuttle(editor, direction: 1)
        },
        CommandSpec("play-reverse", .playback, "Play backwards; again for 2x, 4x, 8x (J)") { editor, _ in
            shuttle(editor, direction: -1)
        },
        CommandSpec("stop", .playback, "Stop, leaving the playhead on the frame shown (K)") { editor, _ in
            editor.setTransport { $0.speed = 0; $0.range = nil; $0.returnTo = nil }
            return CommandResult(editor.stoppedAtMessage)
        },
        CommandSpec("play-toggle", .playback, "Play at 1x, or stop if playing") { editor, _ in
            if editor.transport.isPlaying {
                editor.setTransport { $0.speed = 0; $0.range = nil }
                return CommandResult(editor.stoppedAtMessage)
            }
            editor.setTransport { $0.speed = 1; $0.range = nil }
            return CommandResult("play")
        },
        CommandSpec("play-slow-forward", .playback, "Play forward at quarter speed (K+L)") { editor, _ in
            editor.setTransport { $0.speed = 0.25; $0.range = nil }
            return CommandResult("play 1/4x")
        },
        CommandSpec("play-slow-reverse", .playback, "Play backwards at quarter speed (K+J)") { editor, _ in
            editor.setTransport { $0.speed = -0.25; $0.range = nil }
            return CommandResult("play -1/4x")
        },
        CommandSpec("play-in-to-out", .playback, "Play from the in mark to the out mark of the active monitor") { editor, _ in
            let t = editor.timeline
            let onSource = editor.context.monitor == .source && editor.context.source != nil
            let markIn = onSource ? editor.context.source!.markIn : t.markIn
            let markOut = onSource ? editor.context.source!.markOut : t.markOut
            let end = onSource ? editor.viewerProject.timeline.duration : t.duration
            guard let i = markIn ?? (markOut != nil ? 0 : nil) else { throw CommandError("play-in-to-out: no in or out mark") }
            let o = markOut ?? max(end - 1, i)
            editor.playbackMoved(to: i)
            editor.setTransport { $0.speed = 1; $0.range = FrameRange(start: i, end: o + 1); $0.returnTo = nil }
            return CommandResult("play \(editor.recordTC(i))-\(editor.recordTC(o + 1))")
        },
        CommandSpec("play-around", .playback, "Play around the playhead or selected edit: pre-roll then post-roll, back to the edit",
                    arguments: [ArgumentSpec("preroll", .frames, optional: true, "before (default 2 s)"),
                                ArgumentSpec("postroll", .frames, optional: true, "after (default 2 s)")]) { editor, args in
            let rate = editor.timeline.rate
            let pre = try args.frames("preroll", rate: rate) ?? 2 * rate.timecodeBase
            let post = try args.frames("postroll", rate: rate) ?? 2 * rate.timecodeBase
            let center = editor.context.editPoints.first?.frame ?? editor.viewerPosition
            let start = max(0, center - pre)
            editor.playbackMoved(to: start)
            editor.setTransport { $0.speed = 1; $0.range = FrameRange(start: start, end: center + post); $0.returnTo = center }
            return CommandResult("play around \(editor.recordTC(center))")
        },
        CommandSpec("loop", .playback, "Loop playback of the range being played (on, off or toggle)",
                    arguments: [ArgumentSpec("state", .choice(["on", "off", "toggle"]), optional: true, "on, off or toggle")]) { editor, args in
            let state = args["state"] ?? "toggle"
            editor.setTransport { $0.loop = state == "toggle" ? !$0.loop : state == "on" }
            return CommandResult("loop \(editor.transport.loop ? "on" : "off")")
        },
    ]

    static let previewCommands: [CommandSpec] = [
        previewToggle("preview", "Show or hide the preview window", \.visible, "preview"),
        previewToggle("preview-timecode", "Burn the playhead's timecode into the preview", \.timecode, "timecode overlay"),
        previewToggle("preview-guides", "Show title-safe and action-safe guides in the preview", \.safeGuides, "safe guides"),
        previewToggle("preview-fullscreen", "Make the preview fill the screen", \.fullscreen, "fullscreen preview"),
    ]

    static func previewToggle(_ name: String, _ help: String, _ flag: WritableKeyPath<PreviewSettings, Bool> & Sendable,
                              _ label: String) -> CommandSpec {
        CommandSpec(name, .view, help,
                    arguments: [ArgumentSpec("state", .choice(["on", "off", "toggle"]), optional: true, "on, off or toggle")]) { editor, args in
            let state = args["state"] ?? "toggle"
            editor.preview[keyPath: flag] = state == "toggle" ? !editor.preview[keyPath: flag] : state == "on"
            return CommandResult("\(label) \(editor.preview[keyPath: flag] ? "on" : "off")")
        }
    }

    static func shuttle(_ editor: Editor, direction: Double) -> CommandResult {
        let current = editor.transport.speed
        var speed = direction
        if current * direction > 0, let i = shuttleSpeeds.firstIndex(of: abs(current)) {
            speed = direction * shuttleSpeeds[min(i + 1, shuttleSpeeds.count - 1)]
        }
        editor.setTransport { $0.speed = speed; $0.range = nil; $0.returnTo = nil }
        return CommandResult("play \(speed == 1 ? "" : (speed < 0 ? "reverse " : ""))\(Int(abs(speed)))x")
    }
}

extension Editor {
    /// "stopped at" and the playhead (or source position). A front end that plays in real
    /// time says it again once the playhead has landed on the frame left on screen: when the
    /// stop command runs, the playhead is still where the last tick put it, a frame or so
    /// before the picture shown.
    public var stoppedAtMessage: String { "stopped at " + TransportCommands.positionText(self) }
}
