import Foundation
@testable import Render
import TimelineModel
import XCTest

/// The fast grading loop (`GradeProcessor.apply`) against the plain one (`applyReference`) on
/// random pixels and on every lattice edge. Where the fast path's lattice is exact (no LUT, a
/// LUT with neutral contrast and saturation) it is the same formulas in another order of float
/// operations, with the shaping tables read at 14 bits: at most `shapingMaxSteps` apart. Where contrast or saturation precede a LUT, the
/// two are baked into one 49³ lattice: a PSNR above 65 dB (65.6–67.3 measured) and at most
/// `bakedMaxSteps` 16-bit steps apart (up to about 980 measured, 1.5 %, 3.8 8-bit codes: where
/// the mixed channels cross the LUT's domain edge, a kink no lattice cell can follow). The plain loop is what `GradeFormulaTests` and `GradeRenderTests` tie to
/// hand-worked numbers and FFmpeg's filters.
final class GradeKernelTests: XCTestCase {
    /// Random colours, plus black, white and the primaries (the lattice's corners and faces).
    func picture() -> RGBA64Image {
        var random = SplitMix64(seed: 15)
        var image = RGBA64Image(width: 256, height: 64)
        for p in 0..<(image.width * image.height) {
            for c in 0..<3 { image.samples[p * 4 + c] = UInt16(truncatingIfNeeded: random.next()) }
            image.samples[p * 4 + 3] = UInt16(truncatingIfNeeded: random.next())
        }
        let corners: [[UInt16]] = [[0, 0, 0], [65_535, 65_535, 65_535], [65_535, 0, 0], [0, 65_535, 0], [0, 0, 65_535],
                                   [65_535, 65_535, 0], [0, 65_535, 65_535], [65_535, 0, 65_535]]
        for (p, corner) in corners.enumerated() {
            for c in 0..<3 { image.samples[p * 4 + c] = corner[c] }
        }
        return image
    }

    func cube(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-kernel-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A 9³ LUT bending and mixing the channels, with a domain wider than [0, 1] and values
    /// outside it, so clamping and the domain mapping are exercised.
    func mixingCube() throws -> String {
        var text = "LUT_3D_SIZE 9\nDOMAIN_MIN -0.1 0 0\nDOMAIN_MAX 1.1 1 1.2\n"
        for b in 0..<9 {
            for g in 0..<9 {
                for r in 0..<9 {
                    let (x, y, z) = (Double(r) / 8, Double(g) / 8, Double(b) / 8)
                    text += String(format: "%.6f %.6f %.6f\n", pow(x, 0.7) * 0.8 + z * 0.3 - 0.05, y * y + x * 0.1, sqrt(z) * 0.9 + x * y * 0.2)
                }
            }
        }
        return try cube(text, "mix9.cube")
    }

    /// The largest difference a baked lattice (contrast or saturation, then a LUT) may make,
    /// in 16-bit steps (what the tests below measure is printed).
    static let bakedMaxSteps = 1_024

    /// Where the lattice is exact, what reading the shaping tables at 14 bits costs: a sample
    /// is taken at the nearest multiple of 4, so up to 2 samples times the curve's slope off:
    /// up to 7 steps and PSNR 94.4–96.2 dB measured on these grades (was 1 step at 16 bits). A
    /// steep gamma near black (slope 90 for gamma 2 at the second code) can be further off there.
    static let shapingMaxSteps = 16
    static let shapingPSNR = 90.0

    func assertFastMatchesReference(_ grade: Grade, _ what: String, baked: Bool = false,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let processor = try GradeProcessor(grade)
        let source = picture()
        var fast = source, plain = source
        processor.apply(to: &fast)
        processor.applyReference(to: &plain)
        var worst = 0, changed = 0, squares = 0.0
        for i in fast.samples.indices {
            let d = abs(Int(fast.samples[i]) - Int(plain.samples[i]))
            worst = max(worst, d)
            squares += Double(d * d)
            if plain.samples[i] != source.samples[i] { changed += 1 }
        }
        let psnr = 10 * log10(65_535.0 * 65_535.0 / max(squares / Double(fast.samples.count), 1e-12))
        print("fast vs reference, \(what): max \(worst) steps, PSNR \(String(format: "%.1f", psnr)) dB")
        XCTAssertEqual(processor.kernel.size == GradeProcessor.bakedSize, baked, "\(what): baked lattice or exact one", file: file, line: line)
        XCTAssertLessThanOrEqual(worst, baked ? Self.bakedMaxSteps : Self.shapingMaxSteps, "\(what): fast and plain loops differ by \(worst) steps", file: file, line: line)
        XCTAssertGreaterThan(psnr, baked ? 65 : Self.shapingPSNR, "\(what): PSNR", file: file, line: line)
        XCTAssertGreaterThan(changed, fast.samples.count / 2, "\(what): the grade changes the picture", file: file, line: line)
        for p in 0..<(source.width * source.height) {
            XCTAssertEqual(fast.samples[p * 4 + 3], source.samples[p * 4 + 3], "\(what): alpha untouched", file: file, line: line)
        }
    }

    func testPrimariesWithAndWithoutMatrix() throws {
        var curvesOnly = Grade()
        curvesOnly.lift = ChannelValues(red: 0.02, green: 0, blue: -0.03, master: 0.01)
        curvesOnly.gamma.master = 1.2
        curvesOnly.gain = ChannelValues(red: 1.1, green: 0.95, blue: 1, master: 1.05)
        curvesOnly.exposure = 0.3
        curvesOnly.temperature = 0.4
        try assertFastMatchesReference(curvesOnly, "curves only")
        var matrixOnly = Grade()
        matrixOnly.saturation = 1.4
        matrixOnly.contrast = 1.2
        try assertFastMatchesReference(matrixOnly, "contrast and saturation only")
        var both = curvesOnly
        both.saturation = 0.7
        try assertFastMatchesReference(both, "curves and matrix")
    }

    func testThreeDLUTBothInterpolations() throws {
        let path = try mixingCube()
        for interpolation in LUTInterpolation.allCases {
            var lutOnly = Grade()
            lutOnly.lut = GradeLUT(path: path, interpolation: interpolation)
            // Values outside [0, 1]: the loop clamps.
            XCTAssertFalse(try GradeProcessor(lutOnly).kernel.inRange)
            try assertFastMatchesReference(lutOnly, "3D LUT \(interpolation.rawValue)")
            var full = lutOnly
            full.lift.master = 0.02
            full.gain.red = 1.1
            try assertFastMatchesReference(full, "primaries + 3D LUT \(interpolation.rawValue)")
            full.saturation = 1.3
            try assertFastMatchesReference(full, "primaries + saturation + 3D LUT \(interpolation.rawValue)", baked: true)
            full.contrast = 1.2
            try assertFastMatchesReference(full, "primaries + contrast + saturation + 3D LUT \(interpolation.rawValue)", baked: true)
        }
    }

    /// The grade `termcut bench post` times: lift/gamma/gain and saturation, then a smooth
    /// 33³ look (its lattice and values as in the bench).
    func testBenchGradeBakedWithinBound() throws {
        var text = "LUT_3D_SIZE 33\n"
        for b in 0..<33 {
            for g in 0..<33 {
                for r in 0..<33 {
                    let (x, y, z) = (Double(r) / 32, Double(g) / 32, Double(b) / 32)
                    text += String(format: "%.6f %.6f %.6f\n", pow(x, 0.9) * 0.9 + z * 0.1, y * 0.95 + x * 0.05, z * z * 0.8 + y * 0.2)
                }
            }
        }
        let path = try cube(text, "look33.cube")
        var grade = Grade()
        grade.lift = ChannelValues(red: 0.02, green: 0, blue: -0.01, master: 0.01)
        grade.gamma = ChannelValues(red: 1, green: 1.05, blue: 1, master: 1.1)
        grade.gain = ChannelValues(red: 1.05, green: 1, blue: 0.95, master: 1.1)
        grade.saturation = 1.2
        for interpolation in LUTInterpolation.allCases {
            grade.lut = GradeLUT(path: path, interpolation: interpolation)
            // The look's values lie in [0, 1], so the loop runs without its clamp.
            XCTAssertTrue(try GradeProcessor(grade).kernel.inRange)
            try assertFastMatchesReference(grade, "bench grade, 33³ \(interpolation.rawValue)", baked: true)
        }
    }

    /// The bake is part of the compiled grade: the cache hands back the same one for the same
    /// grade (no second bake), and a new one, matching the new grade, once any value changes.
    func testBakedLatticeIsRemadeWhenTheGradeChanges() throws {
        var grade = Grade()
        grade.lut = GradeLUT(path: try mixingCube())
        grade.saturation = 1.3
        let cache = GradeProcessorCache()
        let first = try cache.processor(for: grade).get()
        XCTAssertEqual(first.kernel.size, GradeProcessor.bakedSize)
        XCTAssertTrue(try cache.processor(for: grade).get() === first, "the same grade: the same bake")
        let source = picture()
        var before = source
        first.apply(to: &before)
        var previous = first
        for change in ["saturation", "gain", "contrast"] {
            var changed = grade
            switch change {
            case "saturation": changed.saturation = 1.6
            case "gain": changed.gain.green = 1.2
            default: changed.contrast = 0.8
            }
            let next = try cache.processor(for: changed).get()
            XCTAssertFalse(next === previous, "\(change): a new compiled grade")
            XCTAssertNotEqual(next.kernel.records, first.kernel.records, "\(change): a new lattice")
            var after = source, plain = source
            next.apply(to: &after)
            next.applyReference(to: &plain)
            XCTAssertNotEqual(after, before, "\(change): the picture follows the grade")
            let worst = zip(after.samples, plain.samples).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
            XCTAssertLessThanOrEqual(worst, Self.bakedMaxSteps, "\(change): the new bake matches the new grade")
            previous = next
        }
        XCTAssertTrue(try cache.processor(for: grade).get() === first, "back to the first grade: its bake, still cached")
    }

    /// Graded in bands on several threads, the picture is the one-thread picture exactly.
    func testBandsOnSeveralThreadsGiveTheSamePicture() throws {
        var grade = Grade()
        grade.lut = GradeLUT(path: try mixingCube())
        grade.gain.red = 1.2
        grade.saturation = 1.4
        let processor = try GradeProcessor(grade)
        var source = RGBA64Image(width: 640, height: 360)
        var random = SplitMix64(seed: 7)
        for i in source.samples.indices { source.samples[i] = UInt16(truncatingIfNeeded: random.next()) }
        var one = source
        processor.apply(to: &one)
        for threads in [2, 3, 8] {
            var banded = source
            processor.apply(to: &banded, threads: threads)
            XCTAssertTrue(banded == one, "\(threads) threads")
        }
        XCTAssertFalse(one == source, "the grade changed the picture")
    }

    func testOneDLUT() throws {
        var text = "LUT_1D_SIZE 16\n"
        for i in 0..<16 {
            let x = Double(i) / 15
            text += String(format: "%.6f %.6f %.6f\n", pow(x, 2), 1 - x, x * 0.5 + 0.2)
        }
        var grade = Grade()
        grade.lut = GradeLUT(path: try cube(text, "curve16.cube"))
        try assertFastMatchesReference(grade, "1D LUT")
        grade.gamma.master = 1.2
        try assertFastMatchesReference(grade, "gamma + 1D LUT")
        grade.saturation = 1.2
        try assertFastMatchesReference(grade, "gamma + saturation + 1D LUT", baked: true)
    }
}
