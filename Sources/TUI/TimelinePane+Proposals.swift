extension TimelinePane {
    /// Proposed cuts (`detect-silences`) over the tick row and every track row, in the theme's
    /// proposal colour; the one under review in the stronger one, so stepping is visible.
    func drawProposals(_ timeline: TimelineView, _ g: TimelineGeometry, rows: Int, _ surface: inout Surface,
                       _ context: RenderContext) {
        guard !timeline.proposals.isEmpty else { return }
        let plain = context.style(ThemeRole.proposal)
        let current = context.style(ThemeRole.proposalCurrent)
        for (index, range) in timeline.proposals.enumerated() where !range.isEmpty {
            let first = max(0, g.column(of: range.lowerBound))
            let last = min(g.columns - 1, g.column(of: range.upperBound - 1))
            guard first <= last else { continue }
            let style = index == timeline.currentProposal ? current : plain
            let top = g.inner.height > 1 ? g.inner.y + 1 : g.inner.y + TimelineGeometry.rulerRows
            let bottom = g.inner.y + TimelineGeometry.rulerRows + rows
            for y in top ..< bottom {
                surface.applyStyle(Rect(x: g.columnsX + first, y: y, width: last - first + 1, height: 1), style: style)
            }
        }
    }
}
