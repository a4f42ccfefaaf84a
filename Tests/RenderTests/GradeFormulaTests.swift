import Foundation
import Render
import TimelineModel
import XCTest

/// The grade's formulas (`Grade`'s doc comment) against numbers worked by hand on single
/// pixels, for the operations FFmpeg has no filter of the same definition for.
/// Tolerance: two 16-bit steps (the input and the output are quantised to 16 bits).
final class GradeFormulaTests: XCTestCase {
    let tolerance = 2.0 / 65_535

    func graded(_ grade: Grade, _ rgb: (Double, Double, Double)) throws -> (Double, Double, Double) {
        // The formulas, as the reference computes them; GradeKernelTests bounds the fast loop against it.
        try GradeProcessor(grade).graded(rgb, reference: true)
    }

    func assertClose(_ got: (Double, Double, Double), _ want: (Double, Double, Double), _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        for (g, w) in [(got.0, want.0), (got.1, want.1), (got.2, want.2)] {
            XCTAssertEqual(g, w, accuracy: tolerance, "\(what): got \(got), want \(want)", file: file, line: line)
        }
    }

    func testLiftGammaGainMasterWorkedByHand() throws {
        var grade = Grade()
        grade.lift.master = 0.1
        grade.gamma.master = 2
        grade.gain.master = 1.2
        // x = 0.25: base = 0.25 + 0.1 × (1 − 0.25) = 0.325; 0.325^(1/2) = 0.570088; × 1.2 = 0.684105
        // x = 0:    base = 0.1; 0.1^0.5 = 0.316228; × 1.2 = 0.379473
        // x = 1:    base = 1; × 1.2 = 1.2, clamped to 1
        assertClose(try graded(grade, (0.25, 0, 1)), (0.684105, 0.379473, 1), "lift 0.1 gamma 2 gain 1.2")
    }

    func testPerChannelCombinesWithMaster() throws {
        var grade = Grade()
        grade.lift = ChannelValues(red: 0.1, green: 0, blue: -0.05, master: 0.05)
        grade.gain = ChannelValues(red: 1.5, green: 1, blue: 1, master: 0.5)
        // On black: lift_c + lift_m = 0.15, 0.05, 0 (−0.05 + 0.05); gains 0.75, 0.5, 0.5:
        // R = 0.75 × 0.15 = 0.1125, G = 0.5 × 0.05 = 0.025, B = 0.
        assertClose(try graded(grade, (0, 0, 0)), (0.1125, 0.025, 0), "black")
        // On white: lift leaves 1; R = 0.75, G = B = 0.5.
        assertClose(try graded(grade, (1, 1, 1)), (0.75, 0.5, 0.5), "white")
        var gamma = Grade()
        gamma.gamma = ChannelValues(red: 2, green: 1, blue: 0.5, master: 1)
        // 0.36^(1/2) = 0.6; 0.36; 0.36^2 = 0.1296.
        assertClose(try graded(gamma, (0.36, 0.36, 0.36)), (0.6, 0.36, 0.1296), "gamma per channel")
    }

    func testExposureLinearisesWithTwoPointFour() throws {
        var grade = Grade()
        grade.exposure = 1
        // (0.5^2.4 × 2)^(1/2.4) = 0.5 × 2^(1/2.4) = 0.5 × 1.334840 = 0.667420; 0 stays 0.
        assertClose(try graded(grade, (0.5, 0, 0.25)), (0.667420, 0, 0.333710), "+1 stop")
    }

    func testContrastAboutPivotKeepsGreyAndChroma() throws {
        var grade = Grade()
        grade.contrast = 1.5
        grade.pivot = 0.4
        // Grey 0.6: Y′ = 0.6 → 0.4 + (0.6 − 0.4) × 1.5 = 0.7, each channel moves by +0.1.
        assertClose(try graded(grade, (0.6, 0.6, 0.6)), (0.7, 0.7, 0.7), "grey")
        // (0.5, 0.4, 0.3): Y′ = 0.1063 + 0.28608 + 0.02166 = 0.41404;
        // Y″ = 0.4 + 0.01404 × 1.5 = 0.42106; shift +0.00702 on each channel.
        assertClose(try graded(grade, (0.5, 0.4, 0.3)), (0.50702, 0.40702, 0.30702), "colour")
    }

    func testSaturationAboutBT709Luma() throws {
        var grade = Grade()
        grade.saturation = 0
        // Red: Y′ = 0.2126, every channel becomes it.
        assertClose(try graded(grade, (1, 0, 0)), (0.2126, 0.2126, 0.2126), "saturation 0")
        grade.saturation = 0.5
        // (0.8, 0.2, 0.4): Y′ = 0.17008 + 0.14304 + 0.02888 = 0.342; halfway to it:
        // 0.571, 0.271, 0.371.
        assertClose(try graded(grade, (0.8, 0.2, 0.4)), (0.571, 0.271, 0.371), "saturation 0.5")
    }

    func testWhiteBalanceKeepsWhiteLuminanceAndWarms() throws {
        let k = GradeProcessor.whiteBalance(temperature: 1, tint: 0)
        XCTAssertEqual(0.2126 * k[0] + 0.7152 * k[1] + 0.0722 * k[2], 1, accuracy: 1e-12)
        XCTAssertEqual(k[0] / k[2], 2, accuracy: 1e-12, "temperature 1 is one stop of red over blue")
        var grade = Grade()
        grade.temperature = 1
        let warm = try graded(grade, (0.5, 0.5, 0.5))
        XCTAssertGreaterThan(warm.0, 0.5)
        XCTAssertLessThan(warm.2, 0.5)
        // In linear light red / blue = 2: (R/B)^2.4 = 2.
        XCTAssertEqual(pow(warm.0 / warm.2, 2.4), 2, accuracy: 0.001)
    }

    func testNeutralGradeChangesNothingAndIsNotActive() throws {
        XCTAssertFalse(Grade().isActive)
        var bypassed = Grade()
        bypassed.gain.master = 2
        bypassed.bypass = true
        XCTAssertFalse(bypassed.isActive)
        assertClose(try graded(Grade(), (0.1, 0.5, 0.9)), (0.1, 0.5, 0.9), "neutral")
    }
}
