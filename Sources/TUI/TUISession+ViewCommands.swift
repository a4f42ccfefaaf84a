import Foundation

/// What the view commands (`ViewCommands`) do to the session: zoom, focus, bins, overlays.
extension TUISession {
    func toggleHelp() {
        if layers.last is HelpOverlay { layers.removeLast() } else { layers.append(HelpOverlay(mode: keymapMode)) }
    }

    func openTimeEntry(_ start: String) {
        if !(layers.last is TimeEntry) { layers.append(TimeEntry(start: start)) }
    }

    func openMarkerList() {
        if !(layers.last is MarkerList) {
            layers.append(MarkerList(selecting: model.timeline.playhead, in: model.timeline.markers))
        }
    }

    func openPalette() {
        if !(layers.last is Palette) { layers.append(Palette(history: history)) }
    }

    func quit(force: Bool) {
        if let refusal = target.quitRefusal(force: force) {
            view.message = .init(refusal.message, isError: refusal.isError)
        } else if !force && target.hasUnsavedChanges {
            if !(layers.last is QuitQuestion) { layers.append(QuitQuestion()) }
        } else {
            quitRequested = true
        }
    }

    /// One zoom level in (-1) or out (+1), keeping the playhead's column where possible.
    func zoom(by step: Int) {
        let layout = ScreenLayout(width: width, height: height)
        let oldFramesPerColumn = TimelineZoom.framesPerColumn(view.zoomLevel)
        view.zoomLevel = min(max(0, view.zoomLevel + step), TimelineZoom.levels.count - 1)
        view.timelineStart = zoomedStart(layout, oldFramesPerColumn: oldFramesPerColumn)
        followPlayhead()
        view.message = .init("zoom: \(TimelineZoom.framesPerColumn(view.zoomLevel)) frames per column")
    }

    func zoomToFit() {
        let g = timelineGeometry(ScreenLayout(width: width, height: height))
        view.zoomLevel = TimelineZoom.level(fitting: model.timeline.duration, in: g.columns)
        view.timelineStart = 0
        followPlayhead()
        view.message = .init("zoom: \(TimelineZoom.framesPerColumn(view.zoomLevel)) frames per column")
    }

    /// Two panes take the focus, so next and previous are the same move.
    func cycleFocus() { view.focus = view.focus == .bins ? .timeline : .bins }

    func focus(_ pane: Pane) { view.focus = pane }

    func moveBinsSelection(by step: Int) { moveBinsSelection(to: view.binsSelection + step) }

    /// Opens (true), closes (false) or flips (nil) the selected bin; on media, closing closes
    /// the bin it is in and selects that bin.
    func openSelectedBin(_ open: Bool?) {
        let rows = binsRows
        guard rows.indices.contains(view.binsSelection) else { return }
        let row = rows[view.binsSelection]
        if row.kind == .bin {
            toggleBin(row.reference, open: open)
        } else if open == false, let parent = rows[..<view.binsSelection].last(where: { $0.kind == .bin && $0.depth < row.depth }) {
            toggleBin(parent.reference, open: false)
        }
    }

    /// `word`: a column (`BinsSortKey`), `next`, or `none`; the same column again flips the order.
    func sortBins(_ word: String) {
        let key: BinsSortKey? = word == "next" ? (view.binsSort.map { $0.key.next } ?? .name) : BinsSortKey(rawValue: word)
        keepingBinsSelection {
            if let key {
                let descending = word != "next" && view.binsSort?.key == key ? !(view.binsSort!.descending) : false
                view.binsSort = BinsSort(key: key, descending: descending)
            } else {
                view.binsSort = nil
            }
        }
        view.message = .init(view.binsSort.map { "bins sorted by \($0.key.rawValue)\($0.descending ? ", descending" : "")" }
                             ?? "bins in project order")
    }

    func openBinsSearch() {
        view.focus = .bins
        if !(layers.last is BinsSearch) { layers.append(BinsSearch()) }
    }

    func filterBins(_ text: String) { keepingBinsSelection { view.binsFilter = text } }

    func switchTheme(_ name: String) {
        let (newTheme, problems) = Theme.load(name: name, searchDirectories: themeDirectories)
        theme = newTheme.adapted(to: colorDepth)
        view.message = problems.first.map { .init($0.description, isError: true) } ?? .init("theme: \(name)")
    }

    func applyScope(_ command: String, _ argument: String) {
        view.message = view.scopes.apply(command, argument: argument)
    }

    func toggleMixerPane() {
        view.showMixer.toggle()
        view.message = .init(view.showMixer ? "mixer: alt-up/down ±0.5 dB, alt-pageup/pagedown ±3 dB, alt-left/right strip" : "scopes")
    }
}
