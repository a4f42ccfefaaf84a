@testable import TUI
import XCTest

/// `TerminalEncoder`'s bytes, played into a small model of an xterm (CUP, CUF, CUB, CUU, CUD, CR, LF, BS, ECH, SGR
/// and printing), must leave exactly the frame's cells and styles on screen: fewer bytes, the same picture.
final class TerminalEncoderTests: XCTestCase {
    /// What a terminal shows: symbol and the (fg, bg, attributes) it was drawn with, as SGR left them.
    struct Screen {
        var cells: [[(String, Style)]]
        var x = 0, y = 0
        var pen = Style()
        let width: Int

        init(width: Int, height: Int) {
            self.width = width
            cells = Array(repeating: Array(repeating: (" ", Style()), count: width), count: height)
        }

        mutating func play(_ bytes: [UInt8]) throws {
            var i = 0
            let text = bytes
            while i < text.count {
                if text[i] == 27 {
                    XCTAssertEqual(text[i + 1], UInt8(ascii: "["))
                    var j = i + 2
                    while !(65...122).contains(text[j]) || text[j] == UInt8(ascii: "?") { j += 1 }
                    let parameters = String(decoding: text[(i + 2)..<j], as: UTF8.self)
                    try control(Character(Unicode.Scalar(text[j])), parameters)
                    i = j + 1
                } else if text[i] == 13 {
                    x = 0; i += 1
                } else if text[i] == 10 {
                    // LF as a tty with ONLCR off passes it: straight down.
                    y += 1; i += 1
                } else if text[i] == 8 {
                    XCTAssertGreaterThan(x, 0, "backspace at the first column")
                    x -= 1; i += 1
                } else {
                    // One UTF-8 character.
                    var length = 1
                    if text[i] >= 0xF0 { length = 4 } else if text[i] >= 0xE0 { length = 3 } else if text[i] >= 0xC0 { length = 2 }
                    let symbol = String(decoding: text[i..<(i + length)], as: UTF8.self)
                    XCTAssertLessThan(x, width, "wrote past the last column")
                    cells[y][x] = (symbol, pen)
                    x += DisplayWidth.of(symbol)
                    i += length
                }
            }
        }

        mutating func control(_ final: Character, _ parameters: String) throws {
            let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            switch final {
            case "H":
                y = max(numbers.first ?? 1, 1) - 1
                x = numbers.count > 1 ? max(numbers[1], 1) - 1 : 0
            case "C": x += max(numbers.first ?? 1, 1)
            case "D": x -= max(numbers.first ?? 1, 1)
            case "A": y -= max(numbers.first ?? 1, 1)
            case "B": y += max(numbers.first ?? 1, 1)
            case "X":
                for column in x..<min(x + max(numbers.first ?? 1, 1), width) { cells[y][column] = (" ", Style(bg: pen.bg)) }
            case "m": sgr(parameters.isEmpty ? [0] : numbers)
            case "b":
                let (symbol, style) = cells[y][x - 1]
                for _ in 0..<max(numbers.first ?? 1, 1) {
                    XCTAssertLessThan(x, width, "repeated past the last column")
                    cells[y][x] = (symbol, style)
                    x += 1
                }
            case "h", "l": break // cursor shown or hidden
            default: XCTFail("unexpected control \(final) \(parameters)")
            }
        }

        mutating func sgr(_ numbers: [Int]) {
            var k = 0
            func color() -> Color {
                if numbers[k + 1] == 5 { k += 2; return .indexed(UInt8(numbers[k])) }
                k += 4
                return .rgb(UInt8(numbers[k - 2]), UInt8(numbers[k - 1]), UInt8(numbers[k]))
            }
            while k < numbers.count {
                let n = numbers[k]
                switch n {
                case 0: pen = Style()
                case 1: pen.attributes.insert(.bold)
                case 2: pen.attributes.insert(.dim)
                case 3: pen.attributes.insert(.italic)
                case 4: pen.attributes.insert(.underline)
                case 7: pen.attributes.insert(.reverse)
                case 22: pen.attributes.subtract([.bold, .dim])
                case 23: pen.attributes.remove(.italic)
                case 24: pen.attributes.remove(.underline)
                case 27: pen.attributes.remove(.reverse)
                case 30...37: pen.fg = .indexed(UInt8(n - 30))
                case 90...97: pen.fg = .indexed(UInt8(n - 82))
                case 40...47: pen.bg = .indexed(UInt8(n - 40))
                case 100...107: pen.bg = .indexed(UInt8(n - 92))
                case 38: pen.fg = color()
                case 48: pen.bg = color()
                case 39: pen.fg = nil
                case 49: pen.bg = nil
                default: XCTFail("unexpected SGR \(n)")
                }
                k += 1
            }
        }

        /// Whether the screen shows `surface`: same symbols; same style, except that blanks show only
        /// their background.
        func shows(_ surface: Surface) -> Bool {
            for y in 0..<surface.height {
                for x in 0..<surface.width where !surface[x, y].isContinuation {
                    let want = surface[x, y], (symbol, style) = cells[y][x]
                    guard symbol == want.symbol else { return false }
                    func plain(_ c: Color?) -> Color? { c == .default ? nil : c }
                    if symbol == " ", want.style.attributes.intersection([.underline, .reverse]).isEmpty {
                        guard plain(style.bg) == plain(want.style.bg),
                              style.attributes.intersection([.underline, .reverse]).isEmpty else { return false }
                    } else {
                        guard plain(style.fg) == plain(want.style.fg), plain(style.bg) == plain(want.style.bg),
                              style.attributes == want.style.attributes else { return false }
                    }
                }
            }
            return true
        }
    }

    /// Random frames in a few styles (some blanks in runs, braille, a wide character) one after another.
    func testRandomFramesReplayToTheSameScreen() throws {
        for seed in [1, 7, 42, 4_203_715_730] as [UInt64] {
            try replay(seed: seed, capabilities: .all)
            try replay(seed: seed, capabilities: .none)
        }
    }

    func replay(seed startSeed: UInt64, capabilities: TerminalEncoder.Capabilities) throws {
        var seed = startSeed
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        let styles = [Style(fg: .indexed(65), bg: .indexed(235)), Style(fg: .indexed(194), bg: .indexed(235)),
                      Style(fg: .indexed(3), bg: .indexed(235), attributes: [.bold]),
                      Style(fg: .indexed(12), bg: .indexed(60), attributes: [.dim, .underline]),
                      Style(fg: .rgb(10, 20, 30), bg: nil, attributes: [.reverse]), Style()]
        let symbols = [" ", " ", " ", "⠉", "⣶", "⣶", "⣶", "a", "│"]
        let width = 40, height = 8
        var encoder = TerminalEncoder(depth: .trueColor, capabilities: capabilities)
        var screen = Screen(width: width, height: height)
        var previous: Surface?
        var surface = Surface(width: width, height: height)
        for frame in 0..<200 {
            // Change a random rectangle or two; keep the rest (as a real frame does).
            for _ in 0..<2 {
                let x0 = Int(next() % UInt64(width)), y0 = Int(next() % UInt64(height))
                let style = styles[Int(next() % UInt64(styles.count))]
                for y in y0..<min(height, y0 + Int(next() % 4) + 1) {
                    for x in x0..<min(width, x0 + Int(next() % 20) + 1) {
                        let symbol = symbols[Int(next() % UInt64(symbols.count))]
                        surface.put(symbol, x: x, y: y, style: next() % 3 == 0 ? styles[Int(next() % UInt64(styles.count))] : style)
                    }
                }
            }
            if frame % 17 == 0 { surface.put("日本", x: Int(next() % UInt64(width - 4)), y: Int(next() % UInt64(height)), style: styles[1]) }
            let changes = surface.changes(since: previous)
            let bytes = encoder.encode(changes, surface: surface, cursor: frame % 5 == 0 ? (3, 2) : nil)
            try screen.play(bytes)
            XCTAssertTrue(screen.shows(surface), "frame \(frame) differs on screen (seed \(startSeed))")
            if frame % 5 == 0 { XCTAssertTrue(screen.x == 3 && screen.y == 2, "cursor placed (seed \(startSeed))") }
            previous = surface
        }
    }

    /// A trace whose cells turn bright, dim, bright along the rows (a waveform onto a new shot) is
    /// written colour by colour: each colour is set once, the cursor jumping over the other's cells,
    /// fewer bytes than in screen order, and the same picture.
    func testATraceInTwoColoursIsWrittenColourByColour() throws {
        let dim = Style(fg: .indexed(65), bg: .indexed(235)), bright = Style(fg: .indexed(194), bg: .indexed(235))
        var surface = Surface(width: 40, height: 6, fill: Cell(" ", style: dim))
        var encoder = TerminalEncoder(depth: .indexed256)
        var screen = Screen(width: 40, height: 6)
        try screen.play(encoder.encode(surface.changes(since: nil), surface: surface, cursor: nil))
        let before = surface
        for y in 0 ..< 6 {
            for x in stride(from: y % 3, to: 40, by: 3) {
                surface.put(x % 2 == 0 ? "⣶" : "⠉", x: x, y: y, style: (x / 3 + y) % 2 == 0 ? bright : dim)
            }
        }
        let changes = surface.changes(since: before)
        let bytes = encoder.encode(changes, surface: surface, cursor: nil)
        try screen.play(bytes)
        XCTAssertTrue(screen.shows(surface))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "38;5;194").count - 1, 1, text.debugDescription)
        // Dim is the colour the terminal still has from the first frame: set once at most.
        XCTAssertLessThanOrEqual(text.components(separatedBy: "38;5;65").count - 1, 1, text.debugDescription)
        // In screen order the colour changes at almost every changed cell.
        var inOrder = 0
        for change in changes.indices.dropFirst() where changes[change].cell.style != changes[change - 1].cell.style {
            inOrder += 10
        }
        XCTAssertLessThan(bytes.count, changes.count * 3 + inOrder, text.debugDescription)
    }

    /// A colour change sends only the colour that changed, and a gap in a trace costs no colour change.
    func testOnlyWhatChangedIsSent() {
        let dim = Style(fg: .indexed(65), bg: .indexed(235)), bright = Style(fg: .indexed(194), bg: .indexed(235))
        var surface = Surface(width: 20, height: 2)
        var encoder = TerminalEncoder(depth: .indexed256)
        _ = encoder.encode(surface.changes(since: nil), surface: surface, cursor: nil)
        let before = surface
        surface.put("⣶", x: 2, y: 0, style: bright)
        surface.put(" ", x: 3, y: 0, style: dim)
        surface.put("⠉", x: 4, y: 0, style: bright)
        surface.put("⠉", x: 5, y: 0, style: dim)
        let bytes = encoder.encode(surface.changes(since: before), surface: surface, cursor: nil)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(text, "\u{1B}[1;3H\u{1B}[38;5;194;48;5;235m⣶ ⠉\u{1B}[38;5;65m⠉")
        // A long run of blanks is erased in one sequence.
        let drawn = surface
        surface.fill(Rect(x: 0, y: 1, width: 20, height: 1), style: dim)
        let erase = String(decoding: encoder.encode(surface.changes(since: drawn), surface: surface, cursor: nil), as: UTF8.self)
        XCTAssertTrue(erase.hasSuffix("\u{1B}[20X"), erase.debugDescription)
        // A solid run of one braille character is the character and a REP.
        let erased = surface
        surface.put(String(repeating: "⣿", count: 10), x: 5, y: 1, style: bright)
        let repeated = String(decoding: encoder.encode(surface.changes(since: erased), surface: surface, cursor: nil), as: UTF8.self)
        XCTAssertTrue(repeated.hasSuffix("⣿\u{1B}[9b"), repeated.debugDescription)
        // Without the capabilities, the same frames are written out in full.
        var plain = TerminalEncoder(depth: .indexed256, capabilities: .none)
        let full = String(decoding: plain.encode(surface.changes(since: nil), surface: surface, cursor: nil), as: UTF8.self)
        XCTAssertFalse(full.contains("b") || full.contains("X"), full.debugDescription)
    }
}
