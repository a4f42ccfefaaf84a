import CFriBidi

/// A line cut into runs of one direction and put in the order they are seen, by the Unicode
/// bidirectional algorithm (UAX #9) as GNU FriBidi implements it.
///
/// HarfBuzz shapes one direction at a time: "Hello שלום world" shaped whole as left to right
/// draws the Hebrew word backwards, and "مرحبا 123" shaped right to left draws "321". FriBidi
/// resolves each character's embedding level (even left to right, odd right to left); the line
/// is cut where the level changes, each run is shaped in its own direction, and the runs are
/// laid out in visual order (rule L2).
public struct BidiRuns: Equatable, Sendable {
    /// Characters of one embedding level, as offsets in the line's Unicode scalars.
    public struct Run: Equatable, Sendable {
        public var scalars: Range<Int>
        public var level: Int
        public var isRightToLeft: Bool { level & 1 == 1 }
    }

    /// The runs in visual order, left to right.
    public var visual: [Run]
    /// The paragraph's direction (P2–P3: its first strong character; left to right without one).
    public var isRightToLeft: Bool

    /// The runs of `line` (one line: no line breaks in it).
    public init(_ line: String) {
        let scalars = line.unicodeScalars.map { FriBidiChar($0.value) }
        let (levels, base) = Self.levels(of: scalars)
        self.init(levels: levels, baseLevel: base)
    }

    /// Runs from resolved levels: cut where the level changes, then reordered by rule L2.
    public init(levels: [Int], baseLevel: Int) {
        var logical: [Run] = []
        for (i, level) in levels.enumerated() {
            if let last = logical.last, last.level == level {
                logical[logical.count - 1].scalars = last.scalars.lowerBound..<(i + 1)
            } else {
                logical.append(Run(scalars: i..<(i + 1), level: level))
            }
        }
        visual = Self.reordered(logical)
        isRightToLeft = baseLevel & 1 == 1
    }

    /// UAX #9 rule L2: from the highest level down to the lowest odd level, reverse every
    /// maximal sequence of runs at that level or higher. (Reversing the characters inside a
    /// right-to-left run is HarfBuzz's job when it shapes the run right to left.)
    static func reordered(_ runs: [Run]) -> [Run] {
        guard let highest = runs.map(\.level).max(), let lowestOdd = runs.map(\.level).filter({ $0 & 1 == 1 }).min() else { return runs }
        var out = runs
        for level in stride(from: highest, through: lowestOdd, by: -1) {
            var i = 0
            while i < out.count {
                guard out[i].level >= level else { i += 1; continue }
                var j = i
                while j < out.count, out[j].level >= level { j += 1 }
                out[i..<j].reverse()
                i = j
            }
        }
        return out
    }

    /// Each scalar's embedding level and the paragraph's base level, by FriBidi (rules P2–I2,
    /// L1 parts 1–3), with L1 part 4 here: whitespace at the end of the line takes the
    /// paragraph's level, so a trailing space of a right-to-left line stays at its end.
    static func levels(of scalars: [FriBidiChar]) -> (levels: [Int], base: Int) {
        let count = scalars.count
        guard count > 0 else { return ([], 0) }
        var types = [FriBidiCharType](repeating: FriBidiCharType(rawValue: 0), count: count)
        var brackets = [FriBidiBracketType](repeating: 0, count: count)
        var levels = [FriBidiLevel](repeating: 0, count: count)
        var direction = termcut_fribidi_par_auto()
        fribidi_get_bidi_types(scalars, FriBidiStrIndex(count), &types)
        fribidi_get_bracket_types(scalars, FriBidiStrIndex(count), types, &brackets)
        let found = fribidi_get_par_embedding_levels_ex(types, brackets, FriBidiStrIndex(count), &direction, &levels)
        // Zero means FriBidi could not allocate: set the line left to right, as before it.
        guard found > 0 else { return ([Int](repeating: 0, count: count), 0) }
        let base = Int(termcut_fribidi_par_is_rtl(direction))
        var resolved = levels.map(Int.init)
        var i = count - 1
        while i >= 0, termcut_fribidi_resets_at_line_end(types[i]) != 0 { resolved[i] = base; i -= 1 }
        return (resolved, base)
    }
}
