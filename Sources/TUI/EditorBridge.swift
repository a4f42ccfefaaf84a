import Editor
import TimelineModel

/// Connects the TUI to the real `Editor`: command lines go to `editor.execute`, and
/// the screen model is built from `editor.state` (the one source of truth) after
/// every command.
public final class EditorBridge: CommandTarget {
    public let editor: Editor
    /// The latest scopes and meters, from the app's background feed.
    public var scopesView: (() -> ScopesView)?

    public init(editor: Editor) {
        self.editor = editor
    }

    public func execute(_ line: String) -> CommandReply {
        let outcome = editor.execute(line)
        let requests = editor.requests
        editor.requests = []
        return CommandReply(message: outcome.message, isError: outcome.isError, requests: requests)
    }

    public func screenModel() -> ScreenModel {
        var model = EditorBridge.screenModel(state: editor.state,
                                             projectName: editor.session?.url.lastPathComponent ?? editor.project.name,
                                             dirty: editor.isDirty)
        let transport = EditorBridge.transportText(editor.transport)
        if !transport.isEmpty {
            model.status.transport = [transport, model.status.transport].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        if let scopesView { model.scopes = scopesView() }
        return model
    }

    /// The registry's commands: usage hints from their argument specs, help from their help.
    public var catalog: CommandCatalog {
        CommandCatalog(entries: editor.registry.ordered.map {
            CommandCatalog.Entry(name: $0.name, arguments: $0.arguments.map(\.hint).joined(separator: " "), help: $0.help)
        })
    }

    // MARK: - Building the screen model

    public static func screenModel(state: EditorState, projectName: String, dirty: Bool) -> ScreenModel {
        let project = state.project
        let context = state.context
        let timeline = project.timeline
        let rate = ViewRate(numerator: Int(timeline.rate.numerator), denominator: Int(timeline.rate.denominator),
                            dropFrame: timeline.dropFrame, startTimecode: Int(timeline.startTimecode))
        let offline = Set(project.media.filter(\.isOffline).map(\.id))

        // NLE order: the highest video track on top, down to V1, then A1, A2…
        let videoIndices = timeline.tracks.indices.filter { timeline.tracks[$0].kind == .video }.reversed()
        let otherIndices = timeline.tracks.indices.filter { timeline.tracks[$0].kind != .video }
        let tracks = (Array(videoIndices) + otherIndices).map { index in
            trackRow(timeline.tracks[index], offline: offline, selected: context.selectedClips)
        }
        let view = TimelineView(name: timeline.name, rate: rate, tracks: tracks, playhead: Int(context.playhead),
                                markIn: timeline.markIn.map(Int.init), markOut: timeline.markOut.map(Int.init),
                                markers: timeline.markers.map { MarkerTick(frame: Int($0.frame), name: $0.name) })

        let side = context.editPoints.first?.side
        var transport = ""
        if context.monitor == .source {
            let name = context.source.flatMap { project.mediaReference($0.media)?.name } ?? "none loaded"
            transport = "SOURCE: \(name)"
        }
        let status = StatusView(mode: context.trimMode ? "trim" : "normal",
                                editMode: context.placement == .insert ? "INSERT" : "OVERWRITE",
                                ripple: side == .head || side == .tail,
                                trimSide: side.map { $0 == .both ? "roll" : $0 == .tail ? "A" : "B" },
                                transport: transport, projectName: projectName, dirty: dirty)
        return ScreenModel(bins: binRows(project), timeline: view, status: status)
    }

    /// "▶ 2x", "◀ 1x", "▶ ¼x loop", or "" when stopped.
    public static func transportText(_ transport: TransportState) -> String {
        guard transport.isPlaying else { return "" }
        let speed = abs(transport.speed)
        let amount = speed == 0.25 ? "¼" : speed == speed.rounded() ? "\(Int(speed))" : "\(speed)"
        return (transport.speed > 0 ? "▶ " : "◀ ") + amount + "x" + (transport.loop ? " loop" : "")
    }

    static func trackRow(_ track: Track, offline: Set<MediaID>, selected: Set<ClipID>) -> TrackRow {
        var blocks: [ClipBlock] = []
        var transitions: [ClipBlock] = []
        var frame = 0
        for item in track.items {
            let duration = Int(item.duration)
            switch item {
            case .gap:
                blocks.append(ClipBlock(kind: .gap, recordStart: frame, duration: duration))
            case .clip(let clip):
                blocks.append(ClipBlock(recordStart: frame, duration: duration, label: clip.name,
                                        offline: offline.contains(clip.media), selected: selected.contains(clip.id)))
                if let transition = clip.transitionOut {
                    let cut = frame + duration
                    transitions.append(ClipBlock(kind: .transition, recordStart: cut - Int(transition.inOffset),
                                                 duration: Int(transition.duration), label: transition.kind.rawValue))
                }
            }
            frame += duration
        }
        return TrackRow(name: track.name, kind: track.kind == .video ? .video : .audio, locked: track.locked,
                        muted: track.muted, solo: track.solo, items: blocks + transitions)
    }

    /// Bins depth-first, each bin's media one level deeper; media in no bin come last, at the top level.
    static func binRows(_ project: Project) -> [BinRow] {
        var rows: [BinRow] = []
        var placed = Set<MediaID>()
        func add(_ bin: Bin, depth: Int) {
            rows.append(.bin(bin.name, depth: depth))
            for id in bin.media {
                guard let media = project.mediaReference(id) else { continue }
                rows.append(mediaRow(media, depth: depth + 1))
                placed.insert(id)
            }
            for child in bin.bins { add(child, depth: depth + 1) }
        }
        for bin in project.bins { add(bin, depth: 0) }
        for media in project.media where !placed.contains(media.id) {
            rows.append(mediaRow(media, depth: 0))
        }
        return rows
    }

    static func mediaRow(_ media: MediaReference, depth: Int) -> BinRow {
        let durationRate = media.video?.rate ?? media.duration.rate
        let frames = media.duration.rescaled(to: durationRate).value
        let duration = media.video != nil
            ? Timecode.format(frame: frames, rate: durationRate, dropFrame: false)
            : Timecode.format(frame: media.duration.rescaled(to: .fps30).value, rate: .fps30, dropFrame: false)
        var size = "", rateText = "", codec = ""
        if let video = media.video {
            size = "\(video.width)x\(video.height)"
            rateText = ViewRate(numerator: Int(video.rate.numerator), denominator: Int(video.rate.denominator)).label
                + (video.variableFrameRate ? "~" : "")
            codec = video.codec
        } else if let audio = media.audio {
            codec = audio.codec
        }
        let audio = media.audio.map { $0.layout.isEmpty ? "\($0.channels)ch" : $0.layout } ?? "none"
        return BinRow(kind: .media, depth: depth, name: media.name, reference: media.id.rawValue, duration: duration,
                      size: size, rate: rateText, codec: codec, audio: audio, offline: media.isOffline)
    }
}
