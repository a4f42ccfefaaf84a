import Foundation
import TextShaping
import XCTest

/// Lines that mix directions, ordered by the Unicode bidi algorithm (UAX #9, through FriBidi)
/// before HarfBuzz shapes each run. The expected orders are worked from the standard's rules.
final class BidiTests: XCTestCase {
    let typesetter = Typesetter.shared

    /// "Hello שלום world": the Hebrew word is a right-to-left run (level 1) inside a
    /// left-to-right paragraph; the spaces beside it sit between L and R, so take the paragraph's
    /// direction (N1/N2) and stay with the Latin words.
    func testLatinParagraphWithAHebrewWordHasThreeRuns() {
        let runs = BidiRuns("Hello שלום world")
        XCTAssertFalse(runs.isRightToLeft)
        XCTAssertEqual(runs.visual.map(\.scalars), [0..<6, 6..<10, 10..<16])
        XCTAssertEqual(runs.visual.map(\.level), [0, 1, 0])
    }

    /// "مرحبا 123": the first strong letter is Arabic, so the paragraph is right to left; the
    /// digits after Arabic letters become Arabic numbers (W2) at level 2, the space between is
    /// right to left (N1). Seen from the left: the number, then the Arabic word.
    func testArabicWithDigitsPutsTheNumberOnTheLeft() {
        let runs = BidiRuns("مرحبا 123")
        XCTAssertTrue(runs.isRightToLeft)
        XCTAssertEqual(runs.visual.map(\.scalars), [6..<9, 0..<6])
        XCTAssertEqual(runs.visual.map(\.level), [2, 1])
    }

    /// Rule L2 on levels 0 1 2 1 0 (runs A B C D E): reversing from level 2 down to level 1
    /// gives A D C B E.
    func testReorderingReversesFromTheHighestLevelDown() {
        let runs = BidiRuns(levels: [0, 1, 1, 2, 2, 1, 0], baseLevel: 0)
        XCTAssertEqual(runs.visual.map(\.scalars), [0..<1, 5..<6, 3..<5, 1..<3, 6..<7])
        XCTAssertEqual(BidiRuns(levels: [0, 0, 0], baseLevel: 0).visual.map(\.scalars), [0..<3])
        XCTAssertEqual(BidiRuns(levels: [], baseLevel: 0).visual, [])
    }

    /// A text of one direction is one run, as before FriBidi.
    func testOneDirectionIsOneRun() {
        XCTAssertEqual(BidiRuns("Hello world").visual.map(\.scalars), [0..<11])
        XCTAssertEqual(BidiRuns("שלום עולם").visual.map(\.level), [1])
    }

    /// Shaped glyphs in visual order: "Hello " in typed order, the Hebrew word's letters from
    /// the last typed (final mem, byte 12) to the first (shin, byte 6), then " world".
    func testMixedLineIsShapedInVisualOrder() throws {
        let line = try XCTUnwrap(typesetter.shape("Hello שלום world", font: "DejaVu Sans", pixelSize: 48).first)
        XCTAssertFalse(line.isRightToLeft)
        XCTAssertEqual(line.glyphs.map(\.cluster), [0, 1, 2, 3, 4, 5, 12, 10, 8, 6, 14, 15, 16, 17, 18, 19])
        let xs = line.glyphs.map(\.x)
        XCTAssertEqual(xs, xs.sorted(), "pen positions run left to right")
        XCTAssertEqual(line.glyphs[9].glyph, try typesetter.nominalGlyph("ש", font: "DejaVu Sans", pixelSize: 48))
    }

    /// "مرحبا 123" reads "123" on the left, digits left to right, then the Arabic word with its
    /// first letter (meem, byte 0) rightmost; "321" would be the digits shaped right to left.
    func testArabicDigitsKeepTheirOrder() throws {
        let line = try XCTUnwrap(typesetter.shape("مرحبا 123", font: "DejaVu Sans", pixelSize: 48).first)
        XCTAssertTrue(line.isRightToLeft)
        XCTAssertEqual(Array(line.glyphs.prefix(3).map(\.cluster)), [11, 12, 13])
        let arabic = line.glyphs.dropFirst(3).map(\.cluster)
        XCTAssertEqual(arabic, arabic.sorted(by: >), "the Arabic run right to left")
        XCTAssertEqual(arabic.last, 0)
    }

    /// The rendered line against FFmpeg's drawtext, which orders text with FriBidi too (its own
    /// build links libfribidi): same font and pixel size, white on black. The ink splits into
    /// stretches at the spaces (and at wide gaps between letters); each stretch must sit where
    /// drawtext puts it (±3 px) and show the same column profile (correlation > 0.95). With the Hebrew word drawn in typed order (no bidi) the stretches differ.
    func testRenderedMixedLineMatchesFFmpegDrawtext() throws {
        let text = "Hello שלום world"
        let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        XCTAssertTrue(try typesetter.font("DejaVu Sans").path.hasSuffix("DejaVuSans.ttf"), "the test compares the same font file")
        let mask = try typesetter.render(text, font: "DejaVu Sans", pixelSize: 48)
        let ours = Self.columnInk(mask.coverage, width: mask.width, height: mask.height)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bidi-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let textFile = dir.appendingPathComponent("line.txt")
        try Data(text.utf8).write(to: textFile)
        let (width, height) = (900, 120)
        let gray = try Self.ffmpeg(["-f", "lavfi", "-i", "color=c=black:s=\(width)x\(height):d=1",
                                    "-vf", "drawtext=fontfile=\(font):textfile=\(textFile.path):expansion=none:fontsize=48:fontcolor=white:x=20:y=30",
                                    "-frames:v", "1", "-pix_fmt", "gray", "-f", "rawvideo", "-"])
        XCTAssertEqual(gray.count, width * height)
        let theirs = Self.columnInk(gray, width: width, height: height)

        // Stretches of ink between gaps (words, and letters with wide gaps between them).
        let ourInk = Self.stretches(ours), theirInk = Self.stretches(theirs)
        XCTAssertEqual(ourInk.count, theirInk.count, "stretches of ink: ours \(ourInk), drawtext's \(theirInk)")
        XCTAssertGreaterThanOrEqual(ourInk.count, 3, "at least the three words")
        guard ourInk.count == theirInk.count, let ourLeft = ourInk.first?.lowerBound, let theirLeft = theirInk.first?.lowerBound else { return }
        for (o, t) in zip(ourInk, theirInk) {
            XCTAssertLessThanOrEqual(abs((o.lowerBound - ourLeft) - (t.lowerBound - theirLeft)), 3, "ink at \(o) against drawtext's \(t)")
            XCTAssertLessThanOrEqual(abs(o.count - t.count), 3, "ink at \(o) against drawtext's \(t)")
        }
        // Each stretch's column profile against drawtext's (each aligned on its own: pen positions
        // drift by a pixel over the line, HarfBuzz's fractional against drawtext's whole pixels).
        let correlations = zip(ourInk, theirInk).map { o, t in
            Self.bestCorrelation(Array(ours[max(0, o.lowerBound - 2)..<min(ours.count, o.upperBound + 2)]),
                                 Array(theirs[max(0, t.lowerBound - 2)..<min(theirs.count, t.upperBound + 2)]))
        }
        print("mixed line against drawtext: \(ourInk.count) stretches of ink, column-profile correlations \(correlations)")
        for (i, c) in correlations.enumerated() { XCTAssertGreaterThan(c, 0.95, "stretch \(ourInk[i])'s column profile against drawtext's") }
    }

    // MARK: helpers

    /// Ink per column: the sum of coverage down each column.
    static func columnInk(_ pixels: [UInt8], width: Int, height: Int) -> [Double] {
        (0..<width).map { x in (0..<height).reduce(0.0) { $0 + Double(pixels[$1 * width + x]) } }
    }

    /// Column ranges of ink separated by more than 8 columns without ink (a space at 48 px is ~15).
    static func stretches(_ ink: [Double]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int? = nil, lastInk = -100
        for (x, v) in ink.enumerated() where v > 200 {
            if let s = start, x - lastInk > 8 { out.append(s..<(lastInk + 1)); start = x } else if start == nil { start = x }
            lastInk = x
        }
        if let s = start { out.append(s..<(lastInk + 1)) }
        return out
    }

    /// The highest normalised correlation of two profiles over shifts of up to 2 columns.
    static func bestCorrelation(_ a: [Double], _ b: [Double]) -> Double {
        var best = -1.0
        for shift in -2...2 {
            var pairs: [(Double, Double)] = []
            for i in 0..<a.count where i + shift >= 0 && i + shift < b.count { pairs.append((a[i], b[i + shift])) }
            guard pairs.count > 4 else { continue }
            let ma = pairs.map(\.0).reduce(0, +) / Double(pairs.count), mb = pairs.map(\.1).reduce(0, +) / Double(pairs.count)
            var sab = 0.0, saa = 0.0, sbb = 0.0
            for (x, y) in pairs { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
            if saa > 0, sbb > 0 { best = max(best, sab / (saa * sbb).squareRoot()) }
        }
        return best
    }

    static func ffmpeg(_ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "ffmpeg", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "ffmpeg \(arguments.joined(separator: " ")) failed (scripts/install-deps.sh --test installs it)"])
        }
        return [UInt8](data)
    }
}
