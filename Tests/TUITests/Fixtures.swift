import TUI

/// Screen models for the rendering tests: small, hand-made, each showing one thing.
enum Fixtures {
    static let rate = ViewRate(numerator: 25, denominator: 1)

    static var bins: [BinRow] {
        [
            .bin("Footage"),
            BinRow(depth: 1, name: "interview.mov", duration: "00:01:00:00", size: "1920x1080", rate: "25",
                   codec: "prores", audio: "stereo"),
            BinRow(depth: 1, name: "broll_beach.mp4", duration: "00:00:20:00", size: "3840x2160", rate: "25",
                   codec: "h264", audio: "none"),
            BinRow(depth: 1, name: "drone.mov", duration: "00:00:10:00", size: "1920x1080", rate: "25",
                   codec: "hevc", audio: "none", offline: true),
            .bin("Music"),
            BinRow(depth: 1, name: "theme.wav", duration: "00:02:00:00", size: "", rate: "", codec: "pcm", audio: "stereo"),
        ]
    }

    /// V2 [title], V1 [interview][broll] with a dissolve, A1 interview sound, A2 music.
    static var timeline: TimelineView {
        TimelineView(
            name: "Main", rate: rate,
            tracks: [
                TrackRow(name: "V2", kind: .video, items: [
                    ClipBlock(kind: .gap, recordStart: 0, duration: 75),
                    ClipBlock(recordStart: 75, duration: 60, label: "title"),
                ]),
                TrackRow(name: "V1", kind: .video, items: [
                    ClipBlock(recordStart: 0, duration: 150, label: "interview", selected: true),
                    ClipBlock(recordStart: 150, duration: 90, label: "broll_beach"),
                    ClipBlock(kind: .transition, recordStart: 144, duration: 12, label: "dissolve"),
                    ClipBlock(recordStart: 240, duration: 60, label: "drone", offline: true),
                ]),
                TrackRow(name: "A1", kind: .audio, locked: true, items: [
                    ClipBlock(recordStart: 0, duration: 150, label: "interview"),
                ]),
                TrackRow(name: "A2", kind: .audio, muted: true, solo: false, items: [
                    ClipBlock(recordStart: 0, duration: 300, label: "theme"),
                ]),
            ],
            playhead: 100, markIn: 30, markOut: 59, markers: [MarkerTick(frame: 200, name: "cut here")])
    }

    static var model: ScreenModel {
        ScreenModel(bins: bins, timeline: timeline,
                    status: StatusView(mode: "normal", editMode: "INSERT", ripple: true, trimSide: "tail",
                                       projectName: "demo.termcut", dirty: true))
    }

    static var catalog: CommandCatalog {
        CommandCatalog(help: [
            "razor": "Cut the clips under the playhead",
            "insert": "Insert the source at the playhead",
            "overwrite": "Overwrite at the playhead",
            "play-reverse": "Play backwards; again for faster",
            "play-forward": "Play forwards; again for faster",
            "stop": "Stop playback",
            "trim-ripple": "Ripple-trim a side of the edit",
            "undo": "Undo the last change",
            "redo": "Redo",
            "step": "Move the playhead by frames",
            "save": "Save the project",
        ], arguments: ["trim-ripple": "<side> <frames>", "step": "<frames>"])
    }

    static func session(width: Int = 120, height: Int = 40, model: ScreenModel = Fixtures.model,
                        keymapName: String = "default", depth: ColorDepth = .none) -> (TUISession, StaticTarget) {
        let target = StaticTarget(model: model, catalog: catalog)
        let (keymap, _) = Keymap.load(name: keymapName, userFile: nil, searchDirectories: [])
        let (theme, _) = Theme.load(name: "dark", searchDirectories: [])
        return (TUISession(target: target, keymap: keymap, theme: theme, colorDepth: depth, width: width, height: height), target)
    }

    static func screen(_ session: TUISession) -> [String] {
        session.render().surface.lines()
    }
}
