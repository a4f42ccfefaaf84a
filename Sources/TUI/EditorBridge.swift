import Editor
import Interchange
import TimelineModel

/// Connects the TUI to the real `Editor`: command lines go to `editor.execute`, and
/// the screen model is built from `editor.state` (the one source of truth) after
/// every command.
public final class EditorBridge: CommandTarget {
    public let editor: Editor
    /// The latest scopes and meters, from the app's background feed.
    public var scopesView: (() -> ScopesView)?
    /// A job running beside the editor (a render's progress), for the status bar.
    public var backgroundStatus: (() -> String?)?

    public init(editor: Editor) {
        self.editor = editor
    }

    public func execute(_ line: String) -> CommandReply {
        let outcome = editor.execute(line)
        let requests = editor.requests
        editor.requests = []
        return CommandReply(message: outcome.message, isError: outcome.isError, requests: requests)
    }

    public func screenModel() -> ScreenModel { screenModel(window: nil) }

    public var savedView: ProjectViewState? { editor.session?.loaded.view }

    public func viewChanged(_ view: ProjectViewState) { editor.viewState = view }

    /// A read-only session has nothing it could save, so it never asks.
    public var hasUnsavedChanges: Bool { editor.isDirty && !(editor.session?.readOnly ?? false) }

    public func screenModel(window: TimelineWindow) -> ScreenModel { screenModel(window: Optional(window)) }

    private func screenModel(window: TimelineWindow?) -> ScreenModel {
        var model = EditorBridge.screenModel(state: editor.state,
                                             projectName: editor.session?.url.lastPathComponent ?? editor.project.name,
                                             dirty: editor.isDirty, window: window)
        model.status.trimDetail = trimDetail()
        let transport = EditorBridge.transportText(editor.transport)
        if !transport.isEmpty {
            model.status.transport = [transport, model.status.transport].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        if let scopesView { model.scopes = scopesView() }
        model.status.job = backgroundStatus?()
        if editor.context.grading {
            // Every control's value while the keys move them (neutral ones too).
            // The clip the keys act on: the selected one (an adjustment layer, say), else the picture seen.
            let timeline = editor.timeline
            let selected = editor.context.selectedClips.sorted().lazy.compactMap { timeline.clip($0) }
                .first { timeline.videoTracks.contains($0.track) }?.clip
            model.status.grade = (selected ?? editor.timeline.visiblePictureClip(at: editor.context.playhead))
                .map { "\($0.id) \(($0.grade ?? Grade()).controlsText)" } ?? "no picture under the playhead"
        } else {
            model.status.grade = editor.timeline.visibleGrade(at: editor.context.playhead).map { "\($0.clip) grade: \($0.grade.summary)" }
        }
        model.status.readOnly = editor.session?.readOnly ?? false
        model.status.proxy = editor.useProxies
        if let proposals = editor.proposals, proposals.applies(to: editor.timeline) {
            model.timeline.proposals = proposals.ranges.map { Int($0.start) ..< Int($0.start + $0.duration) }
            model.timeline.currentProposal = proposals.current
            model.status.proposals = proposals.summary(rate: editor.timeline.rate)
        }
        return model
    }

    /// Where each clip's source in and out were when trim mode began, for the trim counts.
    private var trimBaseline: [ClipID: (in: Int64, out: Int64)] = [:]

    /// "A 00:00:04:24 −3 | B 00:01:10:00 +0": the source timecodes of the last frame before
    /// the selected cut and the first after it (timeline rate, from the media's first frame),
    /// and how far each has moved since trim mode began. Nil outside trim mode.
    func trimDetail() -> String? {
        let context = editor.context
        guard context.trimMode, let point = context.editPoints.first,
              editor.timeline.tracks.indices.contains(point.track) else {
            trimBaseline = [:]
            return nil
        }
        let items = editor.timeline.tracks[point.track].items
        let rate = editor.timeline.rate
        func clip(at frame: Int64) -> Clip? { items.locate(frame: frame).flatMap { items[$0.index].clip } }
        let outgoing = point.frame > 0 ? clip(at: point.frame - 1) : nil
        let incoming = clip(at: point.frame)
        for c in [outgoing, incoming].compactMap({ $0 }) where trimBaseline[c.id] == nil {
            trimBaseline[c.id] = (c.source.start, c.source.start + c.source.duration - 1)
        }
        func signed(_ n: Int64) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "+0" }
        func tc(_ frame: Int64) -> String { Timecode.format(frame: frame, rate: rate, dropFrame: editor.timeline.dropFrame) }
        var a = "A —", b = "B —"
        // Source timecode at each clip's media rate (the frame on screen at its out / in).
        func src(_ c: Clip, _ unit: Int64) -> String {
            let frame = c.mediaFrame(atUnit: unit)
            return editor.project.mediaReference(c.media)?.sourceTimecode(atTimelineFrame: frame, timeline: editor.timeline) ?? tc(frame)
        }
        if let c = outgoing, let base = trimBaseline[c.id] {
            let out = c.source.start + c.source.duration - 1
            a = "A \(src(c, out)) \(signed(out - base.out))"
        }
        if let c = incoming, let base = trimBaseline[c.id] {
            b = "B \(src(c, c.source.start)) \(signed(c.source.start - base.in))"
        }
        return a + " | " + b
    }

    /// The registry's commands: usage hints from their argument specs, help from their help.
    public var catalog: CommandCatalog {
        CommandCatalog(registry: editor.registry)
    }

    // MARK: - Building the screen model

    /// With a `window`, each track lists only the items in its range (see `trackRow`).
    public static func screenModel(state: EditorState, projectName: String, dirty: Bool,
                                   window: TimelineWindow? = nil) -> ScreenModel {
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
            var row = trackRow(timeline.tracks[index], offline: offline, selected: context.selectedClips, window: window)
            row.selected = context.selectedTracks.contains(index)
            row.target = context.videoTarget == index || context.audioTarget == index
            return row
        }
        let view = TimelineView(name: timeline.name, rate: rate, tracks: tracks, playhead: Int(context.playhead),
                                markIn: timeline.markIn.map(Int.init), markOut: timeline.markOut.map(Int.init),
                                markers: timeline.markers.map { MarkerTick(frame: Int($0.frame), name: $0.name, colour: $0.color.rawValue, note: $0.note) },
                                window: window.map { max(0, $0.range.lowerBound) ..< max(0, $0.range.upperBound) },
                                sequenceDuration: Int(timeline.duration))

        let side = context.editPoints.first?.side
        var source: String?
        if context.monitor == .source {
            // Marks and position on the source monitor, which the timeline does not show.
            if let monitor = context.source, let media = project.mediaReference(monitor.media) {
                // Source timecode at the media's own rate (a 25 fps clip shows 25 fps timecode).
                let tc = { (frame: Int64) in media.sourceTimecode(atTimelineFrame: frame, timeline: timeline) }
                var text = "SRC \(media.name)"
                if monitor.markIn != nil || monitor.markOut != nil {
                    text += " [\(monitor.markIn.map(tc) ?? "…")–\(monitor.markOut.map(tc) ?? "…")]"
                }
                source = text + " @\(tc(monitor.position))"
            } else {
                source = "SRC none loaded"
            }
        }
        var status = StatusView(mode: context.trimMode ? "trim" : context.grading ? "grade" : "normal",
                                editMode: context.placement == .insert ? "INSERT" : "OVERWRITE",
                                ripple: side == .head || side == .tail,
                                trimSide: side.map { $0 == .both ? "roll" : $0 == .tail ? "A" : "B" },
                                projectName: projectName, dirty: dirty)
        status.source = source
        var model = ScreenModel(bins: binRows(project), timeline: view, status: status)
        model.mixer = MixerStrip.strips(timeline, audioTarget: context.audioTarget)
        return model
    }

    /// "▶ 2x", "◀ 1x", "▶ ¼x loop", or "" when stopped.
    public static func transportText(_ transport: TransportState) -> String {
        guard transport.isPlaying else { return "" }
        let speed = abs(transport.speed)
        let amount = speed == 0.25 ? "¼" : speed == speed.rounded() ? "\(Int(speed))" : "\(speed)"
        return (transport.speed > 0 ? "▶ " : "◀ ") + amount + "x" + (transport.loop ? " loop" : "")
    }

    /// The track's items in display terms. Without a window, all of them. With one, only
    /// those overlapping its range (and the item before it, whose transition may reach in),
    /// found by binary search; and where several items share a column only the last of
    /// them is listed, since the pane draws items in order and the last one covers the
    /// column anyway. So the cost is the columns on screen, not the clips in the sequence.
    /// (A transition out of a clip hidden that way is not listed.)
    static func trackRow(_ track: Track, offline: Set<MediaID>, selected: Set<ClipID>,
                         window: TimelineWindow? = nil) -> TrackRow {
        var blocks: [ClipBlock] = []
        var transitions: [ClipBlock] = []
        func add(_ item: Item, at frame: Int) {
            let duration = Int(item.duration)
            switch item {
            case .gap:
                blocks.append(ClipBlock(kind: .gap, recordStart: frame, duration: duration))
            case .clip(let clip):
                blocks.append(ClipBlock(recordStart: frame, duration: duration, label: clip.name,
                                        offline: offline.contains(clip.media), selected: selected.contains(clip.id),
                                        // A speed clip's media waveform would not line up with its record time, so it gets none.
                                        media: clip.speed == nil ? clip.media.rawValue : nil,
                                        sourceStart: Int(clip.mediaFrame(atUnit: clip.source.start)),
                                        clipID: "c\(clip.id.rawValue)"))
                blocks[blocks.count - 1].volume = VolumeLine(clip: clip, recordStart: Int64(frame), trackKeyframes: track.volumeKeyframes)
                if let transition = clip.transitionOut {
                    let cut = frame + duration
                    transitions.append(ClipBlock(kind: .transition, recordStart: cut - Int(transition.inOffset),
                                                 duration: Int(transition.duration), label: transition.kind.rawValue))
                }
            }
        }
        let items = track.items
        if let window {
            if let (found, foundStart) = items.locate(frame: Int64(max(0, window.range.lowerBound))) {
                var index = found, frame = Int(foundStart)
                if index > 0 {
                    index -= 1
                    frame -= Int(items[index].duration)
                }
                let itemsPerColumn = items.count * window.framesPerColumn / max(1, Int(items.totalDuration))
                let walkLimit = itemsPerColumn > 48 ? 0 : 48
                while index < items.count, frame < window.range.upperBound {
                    let item = items[index]
                    add(item, at: frame)
                    frame += Int(item.duration)
                    index += 1
                    guard window.framesPerColumn > 1, index < items.count else { continue }
                    // Items that end inside the column this one ends in are covered by the next:
                    // skip them, a few by walking, many by a jump to the last item touching it.
                    let columnEnd = min(window.nextColumnStart(after: frame - 1), Int(items.totalDuration))
                    var skipped = 0
                    while index < items.count, frame + Int(items[index].duration) < columnEnd {
                        // A jump scans one chunk: worth it only past a chunk's worth of walking.
                        if skipped == walkLimit, let (last, lastStart) = items.locate(frame: Int64(columnEnd - 1)) {
                            index = last
                            frame = Int(lastStart)
                            break
                        }
                        frame += Int(items[index].duration)
                        index += 1
                        skipped += 1
                    }
                }
            }
        } else {
            var frame = 0
            for item in items {
                add(item, at: frame)
                frame += Int(item.duration)
            }
        }
        return TrackRow(name: track.name, kind: track.kind == .video ? .video : .audio, locked: track.locked,
                        muted: track.muted, solo: track.solo, items: blocks + transitions)
    }

    /// Bins depth-first, each bin's media one level deeper; media in no bin come last, at the top level.
    static func binRows(_ project: Project) -> [BinRow] {
        var rows: [BinRow] = []
        var placed = Set<MediaID>()
        func add(_ bin: Bin, depth: Int, parent: String) {
            // A bin's reference is its path, so the pane can remember which bins are closed.
            let path = parent.isEmpty ? bin.name : parent + "/" + bin.name
            var row = BinRow(kind: .bin, depth: depth, name: bin.name, reference: path)
            // A bin of subclips of one media with picture (a clip's scenes) shows each one's first frame.
            if let subclips = bin.subclips, let first = subclips.first, subclips.allSatisfy({ $0.media == first.media }),
               let media = project.mediaReference(first.media), media.video != nil, !media.isOffline {
                row.pictureMedia = media.id.rawValue
                row.stills = subclips.map(\.source.start.seconds)
            }
            rows.append(row)
            for id in bin.media {
                guard let media = project.mediaReference(id) else { continue }
                rows.append(mediaRow(media, depth: depth + 1))
                placed.insert(id)
            }
            for sub in bin.subclips ?? [] {
                guard let media = project.mediaReference(sub.media) else { continue }
                rows.append(subclipRow(sub, of: media, depth: depth + 1))
            }
            for child in bin.bins { add(child, depth: depth + 1, parent: path) }
        }
        for bin in project.bins { add(bin, depth: 0, parent: "") }
        for media in project.media where !placed.contains(media.id) {
            rows.append(mediaRow(media, depth: 0))
        }
        // The project's other sequences, in a bin of their own (the open one is the timeline).
        if let others = project.otherSequences, !others.isEmpty {
            rows.append(BinRow(kind: .bin, depth: 0, name: "Sequences", reference: "\u{1}sequences"))
            for sequence in others {
                let rate = ViewRate(numerator: Int(sequence.rate.numerator), denominator: Int(sequence.rate.denominator))
                rows.append(BinRow(kind: .sequence, depth: 1, name: sequence.name, reference: sequence.name,
                                   duration: Timecode.format(frame: sequence.duration, rate: sequence.rate, dropFrame: sequence.dropFrame),
                                   size: sequence.frameSize.map(\.description) ?? "", rate: rate.label, codec: "sequence",
                                   seconds: Double(sequence.duration) * Double(sequence.rate.denominator) / Double(sequence.rate.numerator),
                                   hasPicture: false))
            }
        }
        return rows
    }

    /// A subclip lists like its media, with its own name and length; its filmstrip spans its range.
    static func subclipRow(_ sub: Subclip, of media: MediaReference, depth: Int) -> BinRow {
        var row = mediaRow(media, depth: depth)
        row.name = sub.name
        row.reference = sub.name
        row.pictureMedia = media.id.rawValue
        row.startSeconds = sub.source.start.seconds
        row.seconds = sub.source.duration.seconds
        let rate = sub.source.duration.rate
        row.duration = Timecode.format(frame: sub.source.duration.value, rate: rate, dropFrame: false)
        return row
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
        var row = BinRow(kind: .media, depth: depth, name: media.name, reference: media.id.rawValue, duration: duration,
                         size: size, rate: rateText, codec: codec, audio: audio, offline: media.isOffline,
                         seconds: media.duration.seconds, hasPicture: media.video != nil)
        row.start = media.video != nil
            ? Timecode.format(frame: media.startTimecode(atOwnRate: durationRate), rate: durationRate, dropFrame: media.timecodeDropFrame ?? false)
            : Timecode.format(frame: RationalTime(media.startTimecode, media.duration.rate).rescaled(to: .fps30).value, rate: .fps30, dropFrame: false)
        return row
    }
}
