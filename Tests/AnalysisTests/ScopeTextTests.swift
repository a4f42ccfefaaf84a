import Analysis
import XCTest

/// Hand-made frames small enough to know every dot of the rendered scope.
final class ScopeTextTests: XCTestCase {
    /// A 4×1 full-range 8-bit grey ramp: Y′ 255, 128, 64, 0.
    func ramp() throws -> ScopeImage {
        try ScopeImage(width: 4, height: 1, bitDepth: 8, range: .full, matrix: .bt709,
                       planes: .yCbCr(y: [255, 128, 64, 0], cb: [128, 128, 128, 128], cr: [128, 128, 128, 128],
                                      subsampling: .yuv444))
    }

    func testWaveformOfARampRendersToKnownBraille() throws {
        let waveform = LumaWaveform.compute(try ramp(), columns: 4)
        // 4 dot rows over 256 codes: 255 → row 0, 128 → row 1, 64 → row 2, 0 → row 3.
        // Cell 1 has dots (0,0) and (1,1): bits 0x01 | 0x10 = ⠑; cell 2 has (0,2) and (1,3): 0x04 | 0x80 = ⢄.
        let text = waveform.text(rows: 1, mode: .braille, graticule: false)
        XCTAssertEqual(text.lines, ["⠑⢄"])
        XCTAssertEqual(text.cells[0].map(\.role), [.trace, .trace])
        XCTAssertEqual(text.cells[0].map(\.intensity), [255, 255])
    }

    func testHalfBlocksAndEmptyCells() throws {
        let waveform = LumaWaveform.compute(try ramp(), columns: 4)
        XCTAssertEqual(waveform.text(rows: 1, mode: .halfBlock, graticule: false).lines, ["▀▀▄▄"])
        // Two rows of braille, 8 dot rows: 255 → 0, 128 → 3, 64 → 5, 0 → 7. Top cells: (0,0) and
        // (1,3) = 0x01 | 0x80 = ⢁, then nothing; bottom: nothing, then (0,1) and (1,3) = 0x02 | 0x80 = ⢂.
        XCTAssertEqual(waveform.text(rows: 2, mode: .braille, graticule: false).lines, ["⢁ ", " ⢂"])
    }

    func testIntensityFollowsDensityOnALogScale() throws {
        // 4×3 frame: columns 0 and 1 all at 200 (3 pixels on one dot each); columns 2 and 3 at
        // 10, 100, 150 (one pixel per dot).
        let y: [UInt16] = [200, 200, 10, 10, 200, 200, 100, 100, 200, 200, 150, 150]
        let grey = [UInt16](repeating: 128, count: 12)
        let image = try ScopeImage(width: 4, height: 3, bitDepth: 8, range: .full, matrix: .bt709,
                                   planes: .yCbCr(y: y, cb: grey, cr: grey, subsampling: .yuv444))
        let cells = LumaWaveform.compute(image, columns: 4).text(rows: 1, mode: .braille, graticule: false).cells[0]
        // Cell 1: top dots of both columns (0x01 | 0x08); cell 2: rows 1–3 of both (0xF6).
        XCTAssertEqual(cells.map(\.character), ["⠉", "⣶"])
        XCTAssertEqual(cells[0].intensity, 255)
        // 1 + 254 · ln(1+1)/ln(1+3) = 128
        XCTAssertEqual(cells[1].intensity, 128)
    }

    func testLegalLinesAndGraticuleAreOverlayRoles() throws {
        // A limited-range frame of mid grey: the trace sits between the legal lines.
        let image = try ScopeImage(width: 8, height: 2, bitDepth: 8, range: .limited, matrix: .bt709,
                                   planes: .yCbCr(y: Array(repeating: 126, count: 16), cb: Array(repeating: 128, count: 16),
                                                  cr: Array(repeating: 128, count: 16), subsampling: .yuv444))
        let text = LumaWaveform.compute(image, columns: 8).text(rows: 8, mode: .braille)
        let roles = Set(text.cells.flatMap { $0.map(\.role) })
        XCTAssertTrue(roles.isSuperset(of: [.trace, .legalLimit, .graticule]), "\(roles)")
        // 100 IRE (code 235) at dot row (255−235)·32/256 = 2 → text row 0; 0 IRE (16) at dot row 29 → text row 7.
        XCTAssertEqual(text.cells[0][0].role, .legalLimit)
        XCTAssertEqual(text.cells[7][0].role, .legalLimit)
        // Code 126 (50.2 IRE) at dot row 16 → text row 4, where the trace wins over the 50 IRE line.
        XCTAssertEqual(text.cells[4].map(\.role), Array(repeating: .trace, count: 4))
        for row in text.lines { XCTAssertEqual(row.count, 4) }
    }

    func testVectorscopeOfPureRedSitsOnTheRedTarget() throws {
        // An R′G′B′ frame of 100% red, limited range: its chroma is the 100% red target.
        let n = 16
        let image = try ScopeImage(width: 4, height: 4, bitDepth: 8, range: .limited, matrix: .bt601,
                                   planes: .rgb(r: Array(repeating: 235, count: n), g: Array(repeating: 16, count: n),
                                                b: Array(repeating: 16, count: n)))
        let scope = Vectorscope.compute(image)
        XCTAssertEqual(scope.sampledCount, n)
        let red = VectorscopeTarget(colour: .red, saturation: 1, matrix: .bt601)
        XCTAssertEqual(scope.count(inside: red), n)
        XCTAssertEqual(red.angle, 108.6, accuracy: 0.1)  // BT.601 red at 108.6° in the Cb/Cr plane
        let text = scope.text(rows: 8, mode: .braille)
        XCTAssertEqual(text.cells.count, 8)
        XCTAssertEqual(text.cells[0].count, 16)
        let traceCells = text.cells.flatMap { $0 }.filter { $0.role == .trace }
        XCTAssertEqual(traceCells.count, 1)
        let roles = Set(text.cells.flatMap { $0.map(\.role) })
        XCTAssertTrue(roles.isSuperset(of: [.graticule, .target, .skinTone]), "\(roles)")
        // The red trace is up and to the left of centre (Cr > 0, Cb < 0).
        let (row, column) = text.cells.enumerated().flatMap { r, cells in
            cells.enumerated().compactMap { $0.element.role == .trace ? (r, $0.offset) : nil }
        }[0]
        XCTAssertLessThan(row, 4)
        XCTAssertLessThan(column, 8)
    }

    func testParadeOfWhiteAndRedColumns() throws {
        // Left half white, right half pure red, full range R′G′B′.
        let image = try ScopeImage(width: 2, height: 1, bitDepth: 8, range: .full, matrix: .bt709,
                                   planes: .rgb(r: [255, 255], g: [255, 0], b: [255, 0]))
        let parade = RGBParade.compute(image, columnsPerChannel: 2)
        XCTAssertEqual(parade.count(\.red, column: 0, code: 255), 1)
        XCTAssertEqual(parade.count(\.red, column: 1, code: 255), 1)
        XCTAssertEqual(parade.count(\.green, column: 1, code: 0), 1)
        XCTAssertEqual(parade.count(\.blue, column: 0, code: 255), 1)
        let text = parade.raster(height: 4, gap: 0, graticule: false).text(.braille)
        // Red: both columns top → ⠉; green and blue: left top, right bottom → ⢁.
        XCTAssertEqual(text.lines, ["⠉⢁⢁"])
        XCTAssertEqual(text.cells[0].map(\.role), [.red, .green, .blue])
    }

    func testYCbCrToRGBRoundTripsBars() throws {
        // The synthetic bars, through 4:2:0 Y′CbCr and back, give R′G′B′ within a code of the source.
        let image = try TestPattern.barsAndRamp(width: 64, height: 12, bitDepth: 10, subsampling: .yuv444)
        let hist = RGBHistogram.compute(image)
        let l = image.levels
        for v in [0.0, 0.75] {
            let code = Int(l.lumaCode(v).rounded())
            let near = (code - 1...code + 1).reduce(0) { $0 + Int(hist.red[$1]) }
            XCTAssertGreaterThan(near, 0, "R′ at \(v)")
        }
        XCTAssertEqual(hist.red.reduce(0) { $0 + Int($1) }, 64 * 12)
    }

    func testOddSized420ConvertsEveryPixel() throws {
        // 37 columns: four 8-pixel vector blocks, a 5-pixel scalar tail and an odd last chroma sample.
        let image = try TestPattern.barsAndRamp(width: 37, height: 9, bitDepth: 8, subsampling: .yuv420)
        let hist = RGBHistogram.compute(image)
        XCTAssertEqual(hist.red.reduce(0) { $0 + Int($1) }, 37 * 9)
        // The blue bar (the last 5 columns of the top 6 rows): B′ at 75% = code 180, R′ = G′ = 16, within 2.
        let parade = RGBParade.compute(image, columnsPerChannel: 37)
        XCTAssertGreaterThan((178...182).reduce(0) { $0 + Int(parade.count(\.blue, column: 36, code: $1)) }, 5)
        XCTAssertGreaterThan((14...18).reduce(0) { $0 + Int(parade.count(\.red, column: 36, code: $1)) }, 5)
    }

    func testBadImagesAreRejectedWithAReason() {
        XCTAssertThrowsError(try ScopeImage(width: 2, height: 2, bitDepth: 8, range: .full, matrix: .bt709,
                                            planes: .yCbCr(y: [0, 0, 0], cb: [0], cr: [0], subsampling: .yuv420))) {
            XCTAssertTrue("\($0)".contains("Y′ plane holds 3"), "\($0)")
        }
        XCTAssertThrowsError(try ScopeImage(width: 1, height: 1, bitDepth: 16, range: .full, matrix: .bt709,
                                            planes: .rgb(r: [0], g: [0], b: [0])))
    }
}
