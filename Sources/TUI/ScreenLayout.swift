/// Where each pane goes for a terminal size. One function, so rendering, mouse
/// hit-testing and view-following agree.
public struct ScreenLayout: Equatable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var screen: Rect
    public var bins: Rect
    public var scopes: Rect
    public var timeline: Rect
    public var statusBar: Rect
    public var messageLine: Rect

    public var isTooSmall: Bool { screen.width < ScreenLayout.minimumWidth || screen.height < ScreenLayout.minimumHeight }

    public init(width: Int, height: Int) {
        screen = Rect(x: 0, y: 0, width: width, height: height)
        let (rest, bottom) = screen.splitBottom(2)
        statusBar = Rect(x: 0, y: bottom.y, width: width, height: min(1, bottom.height))
        messageLine = Rect(x: 0, y: bottom.y + 1, width: width, height: max(0, bottom.height - 1))
        let timelineHeight = max(9, rest.height / 2)
        let (top, timelineArea) = rest.splitBottom(timelineHeight)
        timeline = timelineArea
        let (left, right) = top.splitLeft(width * 55 / 100)
        bins = left
        scopes = right
    }
}

/// Frames per column at each zoom level, fine to coarse.
public enum TimelineZoom {
    public static let levels = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024,
                                1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384]
    public static let defaultLevel = 2

    public static func framesPerColumn(_ level: Int) -> Int { levels[min(max(0, level), levels.count - 1)] }

    /// The finest level at which `duration` frames fit in `columns`.
    public static func level(fitting duration: Int, in columns: Int) -> Int {
        guard columns > 0 else { return levels.count - 1 }
        return levels.firstIndex { $0 * columns >= duration } ?? levels.count - 1
    }
}

/// The timeline pane's inner geometry: track headers on the left, then one column per
/// `framesPerColumn` frames starting at `start`.
public struct TimelineGeometry: Equatable, Sendable {
    public static let headerWidth = 10
    public static let rulerRows = 2

    public var inner: Rect
    public var framesPerColumn: Int
    public var start: Int

    public init(pane: Rect, framesPerColumn: Int, start: Int) {
        inner = pane.inner
        self.framesPerColumn = max(1, framesPerColumn)
        self.start = start
    }

    public var columnsX: Int { inner.x + TimelineGeometry.headerWidth }
    public var columns: Int { max(0, inner.width - TimelineGeometry.headerWidth) }
    public var trackRows: Int { max(0, inner.height - TimelineGeometry.rulerRows) }
    public var visibleFrames: Int { columns * framesPerColumn }

    /// The column (0-based, relative to `columnsX`) showing `frame`; may be outside `0 ..< columns`.
    public func column(of frame: Int) -> Int {
        let offset = frame - start
        return offset >= 0 ? offset / framesPerColumn : -((-offset + framesPerColumn - 1) / framesPerColumn)
    }

    /// The first frame shown in a column.
    public func frame(atColumn column: Int) -> Int { start + column * framesPerColumn }

    /// The start that keeps `playhead` in view: unchanged while it is visible, else the
    /// playhead goes a quarter of the way in (so the view pages rather than crawls).
    public func start(following playhead: Int) -> Int {
        guard visibleFrames > 0 else { return start }
        if playhead >= start && playhead < start + visibleFrames { return start }
        var newStart = max(0, playhead - visibleFrames / 4)
        newStart -= newStart % framesPerColumn
        return newStart
    }
}
