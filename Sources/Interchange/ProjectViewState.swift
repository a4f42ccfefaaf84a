/// How the editor's screen looked when the project was saved, so opening it again comes back
/// to the same place (Avid and Premiere reopen a project as it was left). Every field is
/// optional: older files have none, and a front end keeps what it does not know.
public struct ProjectViewState: Codable, Equatable, Sendable {
    /// Record frame of the playhead.
    public var playhead: Int64?
    /// The timeline's zoom level (an index into the TUI's zoom steps) and its first frame shown.
    public var zoomLevel: Int?
    public var timelineStart: Int?
    /// Bins closed in the bins pane, by path (`Footage/Day 1`); the others are open.
    public var closedBins: [String]?
    /// The pane with the focus: `bins` or `timeline`.
    public var focus: String?

    public init(playhead: Int64? = nil, zoomLevel: Int? = nil, timelineStart: Int? = nil, closedBins: [String]? = nil,
                focus: String? = nil) {
        self.playhead = playhead; self.zoomLevel = zoomLevel; self.timelineStart = timelineStart
        self.closedBins = closedBins; self.focus = focus
    }
}
