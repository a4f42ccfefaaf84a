import TextShaping
import XCTest

/// HarfBuzz shaping and FreeType drawing through `Typesetter`, on the fonts install-deps.sh
/// installs (fonts-dejavu-core; fonts-wqy-microhei for CJK).
final class ShapingTests: XCTestCase {
    let typesetter = Typesetter.shared

    /// Hebrew is set right to left: the glyphs come out in visual order, so the first glyph on
    /// the left shows the last letter typed (clusters run downwards) while x runs upwards.
    func testHebrewIsShapedRightToLeft() throws {
        let word = "שלום"  // shin, lamed, vav, final mem
        let line = try XCTUnwrap(typesetter.shape(word, font: "DejaVu Sans", pixelSize: 48).first)
        XCTAssertTrue(line.isRightToLeft)
        XCTAssertEqual(line.glyphs.count, 4)
        let clusters = line.glyphs.map(\.cluster)
        XCTAssertEqual(clusters, clusters.sorted(by: >), "visual order is the reverse of the typed order")
        XCTAssertEqual(clusters.last, 0, "the first letter typed is drawn rightmost")
        let xs = line.glyphs.map(\.x)
        XCTAssertEqual(xs, xs.sorted(), "pen positions run left to right")
        XCTAssertEqual(line.glyphs.last?.glyph, try typesetter.nominalGlyph("ש", font: "DejaVu Sans", pixelSize: 48))
        XCTAssertGreaterThan(line.width, 48, "four letters at 48 px are wider than one em")
    }

    /// Arabic letters join: HarfBuzz picks contextual forms, so the glyphs differ from the
    /// isolated forms a code-point-by-code-point renderer would draw, and come right to left.
    func testArabicGetsJoiningFormsAndRightToLeftOrder() throws {
        let word = "سلام"  // seen, lam, alef, meem
        let line = try XCTUnwrap(typesetter.shape(word, font: "DejaVu Sans", pixelSize: 48).first)
        XCTAssertTrue(line.isRightToLeft)
        let naive = try word.unicodeScalars.map { try typesetter.nominalGlyph($0, font: "DejaVu Sans", pixelSize: 48) }
        XCTAssertFalse(naive.contains(0), "DejaVu Sans has the Arabic letters")
        let shaped = line.glyphs.map(\.glyph)
        XCTAssertNotEqual(shaped, naive, "not the code points' glyphs in typed order")
        XCTAssertNotEqual(shaped, Array(naive.reversed()), "not merely reversed either: joining forms")
        // The seen (typed first) is drawn last on the right, in its initial form.
        let seen = try XCTUnwrap(line.glyphs.first { $0.cluster == 0 })
        XCTAssertEqual(seen.x, line.glyphs.map(\.x).max())
        XCTAssertNotEqual(seen.glyph, naive[0], "the initial form of seen, not the isolated one")
    }

    /// CJK in a Latin font falls back to a font that has the characters (WenQuanYi Micro Hei),
    /// with real glyphs (not .notdef tofu) that draw ink.
    func testCJKFallsBackToAFontWithTheGlyphs() throws {
        let text = "字幕测试"
        let line = try XCTUnwrap(typesetter.shape(text, font: "DejaVu Sans", pixelSize: 48).first)
        XCTAssertEqual(line.glyphs.count, 4)
        XCTAssertFalse(line.glyphs.contains { $0.glyph == 0 }, "no .notdef (tofu) glyphs, from \(line.fontFamily)")
        XCTAssertFalse(line.fontPath.contains("DejaVu"), "a CJK font drew it: \(line.fontPath)")
        let mask = try typesetter.render(text, font: "DejaVu Sans", pixelSize: 48)
        // Four filled squares of ink each: far more than tofu boxes' outlines would cover.
        XCTAssertGreaterThan(mask.coveredPixels, 4 * 300, "ink covered")
        XCTAssertGreaterThan(mask.width, 4 * 40)
    }

    /// A line mixing Latin, CJK and Hebrew draws each in a font that has it: the Latin stays in
    /// the title's font, the CJK comes from a CJK font and the Hebrew from one that has Hebrew
    /// (WenQuanYi has none), with no .notdef glyph anywhere. Before, the whole line took one
    /// font: the one lacking fewest characters, which left the CJK as tofu.
    func testMixedScriptsFallBackStretchByStretch() throws {
        let text = "Take 字幕 שלום"
        let line = try XCTUnwrap(typesetter.shape(text, font: "DejaVu Sans", pixelSize: 48).first)
        XCTAssertFalse(line.glyphs.contains { $0.glyph == 0 }, "no tofu, fonts \(line.fonts.map(\.family))")
        let utf8 = Array(text.utf8)
        func fontOf(_ byte: Int) -> Typesetter.FontMatch? {
            line.glyphs.first { $0.cluster == byte }.map { line.fonts[$0.font] }
        }
        let cjkByte = utf8.count - Array("字幕 שלום".utf8).count
        let hebrewByte = utf8.count - Array("שלום".utf8).count
        XCTAssertEqual(fontOf(0)?.family, "DejaVu Sans", "the T")
        XCTAssertNotEqual(fontOf(cjkByte)?.family, "DejaVu Sans", "字 from a CJK font")
        XCTAssertNotNil(fontOf(hebrewByte), "ש has a glyph")
        XCTAssertNotEqual(fontOf(hebrewByte)?.path, fontOf(cjkByte)?.path, "Hebrew not from the CJK font, which lacks it")
        // Latin, then CJK, then the Hebrew word (one right-to-left run) from left to right.
        XCTAssertLessThan(line.glyphs.first { $0.cluster == 0 }!.x, line.glyphs.first { $0.cluster == cjkByte }!.x)
        XCTAssertLessThan(line.glyphs.first { $0.cluster == cjkByte }!.x, line.glyphs.first { $0.cluster == hebrewByte }!.x)
        let mask = try typesetter.render(text, font: "DejaVu Sans", pixelSize: 48)
        XCTAssertGreaterThan(mask.coveredPixels, 2 * 300 + 4 * 100, "ink for every glyph")
    }

    func testMissingFontNamesWhatFontconfigOffered() {
        XCTAssertThrowsError(try typesetter.font("No Such Font Family 123")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("No Such Font Family 123"), text)
            XCTAssertTrue(text.contains("offered"), text)
        }
        XCTAssertNoThrow(try typesetter.font("DejaVu Sans:bold"))
        XCTAssertNoThrow(try typesetter.font("sans-serif"))
    }

    func testInvalidUTF8IsRefusedWithTheOffset() {
        XCTAssertEqual(try Typesetter.text(fromUTF8: Array("héllo".utf8)), "héllo")
        XCTAssertThrowsError(try Typesetter.text(fromUTF8: [0x61, 0x62, 0xC3, 0x28])) { error in
            XCTAssertTrue("\(error)".contains("byte 2"), "\(error)")
        }
    }

    /// The outline grows the mask by its radius and keeps the letters inside.
    func testDilationGrowsCoverage() throws {
        let mask = try typesetter.render("Ag", font: "DejaVu Sans", pixelSize: 40, margin: 4)
        let grown = mask.dilated(by: 3)
        XCTAssertGreaterThan(grown.coveredPixels, mask.coveredPixels)
        for i in mask.coverage.indices where mask.coverage[i] > 0 { XCTAssertGreaterThanOrEqual(grown.coverage[i], mask.coverage[i]) }
    }
}
