import Foundation

/// A colour look-up table read from an Adobe/Resolve `.cube` file (Adobe's "Cube LUT
/// Specification 1.0"): a 1D table (one curve per channel) or a 3D lattice, red varying fastest.
///
/// Keywords read: `TITLE "…"`, `LUT_1D_SIZE n` (2…65536), `LUT_3D_SIZE n` (2…256),
/// `DOMAIN_MIN r g b`, `DOMAIN_MAX r g b` (default 0 0 0 and 1 1 1, each minimum below its
/// maximum), and Resolve's `LUT_1D_INPUT_RANGE lo hi` / `LUT_3D_INPUT_RANGE lo hi` (the same
/// domain on all three channels). `#` starts a comment; keywords come before the data. Anything
/// else (another keyword, a shaper 1D table in front of a 3D one) is refused by name, with the
/// file and line, rather than half-read.
public struct CubeLUT: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case oneD(size: Int)
        case threeD(size: Int)
    }

    public var title: String?
    public var shape: Shape
    public var domainMin: [Double]
    public var domainMax: [Double]
    /// R, G, B triplets in file order: entry i of a 1D table, or lattice point
    /// (r, g, b) at index r + g·n + b·n² of a 3D one.
    public var values: [Float]

    public var entries: Int { values.count / 3 }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(CubeLUTError) -> CubeLUT {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw CubeLUTError(file: path, line: nil, exists ? "cannot be read (check its permissions)" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw CubeLUTError(file: path, line: nil, "\(name) is not a text file")
        }
        return try parse(text, file: path)
    }

    /// Parses the text of a `.cube` file; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(CubeLUTError) -> CubeLUT {
        var title: String?
        var size1D: (Int, Int)?, size3D: (Int, Int)?   // (size, line)
        var domainMin = [0.0, 0.0, 0.0], domainMax = [1.0, 1.0, 1.0]
        var domainLine: Int?
        var values: [Float] = []
        var firstDataLine: Int?
        var expected: Int?
        var lastDataLine = 0

        func fail(_ line: Int, _ message: String) -> CubeLUTError { CubeLUTError(file: file, line: line, message) }
        func number(_ word: Substring, _ line: Int, _ what: String) throws(CubeLUTError) -> Double {
            guard let v = Double(word), v.isFinite else { throw fail(line, "\(what) \"\(word)\" is not a number") }
            return v
        }
        func size(_ words: [Substring], _ line: Int, _ range: ClosedRange<Int>) throws(CubeLUTError) -> Int {
            guard words.count == 2 else { throw fail(line, "\(words[0]) takes one number (got \(words.count - 1))") }
            guard let n = Int(words[1]) else { throw fail(line, "\(words[0]) \"\(words[1])\" is not a whole number") }
            guard range.contains(n) else { throw fail(line, "\(words[0]) \(n) is out of range (\(range.lowerBound) to \(range.upperBound))") }
            return n
        }

        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            line = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" })
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let keyword = words.first else { continue }
            if let c = keyword.first, c.isLetter {
                if firstDataLine != nil {
                    throw fail(lineNumber, "\(keyword) after the table's data (keywords come first)")
                }
                switch keyword {
                case "TITLE":
                    let rest = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                    title = rest.count >= 2 && rest.hasPrefix("\"") && rest.hasSuffix("\"") ? String(rest.dropFirst().dropLast()) : rest
                case "LUT_1D_SIZE":
                    size1D = (try size(words, lineNumber, 2...65_536), lineNumber)
                case "LUT_3D_SIZE":
                    size3D = (try size(words, lineNumber, 2...256), lineNumber)
                case "DOMAIN_MIN", "DOMAIN_MAX":
                    guard words.count == 4 else { throw fail(lineNumber, "\(keyword) takes three numbers (got \(words.count - 1))") }
                    let v = [try number(words[1], lineNumber, "\(keyword) red"), try number(words[2], lineNumber, "\(keyword) green"),
                             try number(words[3], lineNumber, "\(keyword) blue")]
                    if keyword == "DOMAIN_MIN" { domainMin = v } else { domainMax = v }
                    domainLine = lineNumber
                case "LUT_1D_INPUT_RANGE", "LUT_3D_INPUT_RANGE":
                    guard words.count == 3 else { throw fail(lineNumber, "\(keyword) takes two numbers (got \(words.count - 1))") }
                    let lo = try number(words[1], lineNumber, "\(keyword) minimum"), hi = try number(words[2], lineNumber, "\(keyword) maximum")
                    domainMin = [lo, lo, lo]; domainMax = [hi, hi, hi]
                    domainLine = lineNumber
                default:
                    throw fail(lineNumber, "unsupported keyword \(keyword) (termcut reads TITLE, LUT_1D_SIZE, LUT_3D_SIZE, DOMAIN_MIN, DOMAIN_MAX and LUT_*_INPUT_RANGE)")
                }
                continue
            }
            // A data line.
            if firstDataLine == nil {
                firstDataLine = lineNumber
                switch (size1D, size3D) {
                case (nil, nil):
                    throw fail(lineNumber, "data before LUT_1D_SIZE or LUT_3D_SIZE (the table's size must come first)")
                case (.some, .some(let s3)):
                    throw fail(s3.1, "both LUT_1D_SIZE and LUT_3D_SIZE (a shaper table in front of a 3D one is not supported)")
                case (.some(let s1), nil):
                    expected = s1.0
                case (nil, .some(let s3)):
                    expected = s3.0 * s3.0 * s3.0
                }
                for c in 0..<3 where !(domainMin[c] < domainMax[c]) || abs(domainMin[c]) > 1e6 || abs(domainMax[c]) > 1e6 {
                    let channel = ["red", "green", "blue"][c]
                    throw fail(domainLine ?? lineNumber, "DOMAIN out of range: the \(channel) minimum \(domainMin[c]) must be below its maximum \(domainMax[c]) (and both within ±1e6)")
                }
                values.reserveCapacity(expected! * 3)
            }
            guard words.count == 3 else {
                throw fail(lineNumber, "an entry has three numbers (R G B); this line has \(words.count)")
            }
            if values.count / 3 >= expected! {
                throw fail(lineNumber, "extra entry: the size says \(expected!) entries, and this is number \(values.count / 3 + 1)")
            }
            for (k, word) in words.enumerated() {
                let v = try number(word, lineNumber, ["red", "green", "blue"][k])
                guard abs(v) <= 1e6 else { throw fail(lineNumber, "\(["red", "green", "blue"][k]) value \(v) is out of range (within ±1e6)") }
                values.append(Float(v))
            }
            lastDataLine = lineNumber
        }
        guard let expected else {
            if let s = size3D ?? size1D { throw fail(s.1, "the table has no entries (the size says \(s.0 * (size3D == nil ? 1 : s.0 * s.0)))") }
            throw CubeLUTError(file: file, line: nil, "no LUT_1D_SIZE or LUT_3D_SIZE: not a .cube LUT")
        }
        guard values.count / 3 == expected else {
            throw fail(lastDataLine, "missing entries after this line: the size says \(expected), the file has \(values.count / 3)")
        }
        let shape: Shape = size3D.map { .threeD(size: $0.0) } ?? .oneD(size: size1D!.0)
        return CubeLUT(title: title, shape: shape, domainMin: domainMin, domainMax: domainMax, values: values)
    }
}

/// A `.cube` file that cannot be used, with the file and line at fault.
public struct CubeLUTError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
