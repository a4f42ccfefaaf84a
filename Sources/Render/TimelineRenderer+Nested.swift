import TimelineModel

extension TimelineRenderer {
    /// Nested sequences go no deeper than this: the editor refuses cycles, so only a project
    /// file edited by hand could reach it, and then it draws a card instead of recursing forever.
    static let maximumNesting = 16

    /// The picture of nested sequence `name` at its frame `frame`: the sequence rendered with its
    /// own tracks (and its own nested clips, recursively) by a renderer kept per sequence, which
    /// shares this one's decoders.
    func nestedPicture(_ name: String, frame: Int64, width: Int, height: Int) -> RGBAImage {
        guard nestingDepth < Self.maximumNesting else {
            lastProblem = "nested sequences deeper than \(Self.maximumNesting) (a cycle?) at \(name)"
            return OfflineCard.draw(width: width, height: height, title: "NESTING TOO DEEP", name: name)
        }
        guard let inner = project.withSequenceOpen(name) else {
            lastProblem = "no sequence named \(name) to nest"
            return OfflineCard.draw(width: width, height: height, title: "SEQUENCE MISSING", name: name)
        }
        let renderer: TimelineRenderer
        if let kept = nested[name] {
            renderer = kept
        } else {
            renderer = TimelineRenderer(project: inner, pool: pool)
            renderer.nestingDepth = nestingDepth + 1
            renderer.fit = fit
            nested[name] = renderer
        }
        let picture = renderer.picture(at: frame, width: width, height: height)
        if let problem = renderer.lastProblem { lastProblem = problem }
        return picture
    }
}
