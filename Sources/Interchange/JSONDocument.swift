import Foundation

/// A JSON value with the line it starts on, for messages that point into the file.
///
/// Our own small parser rather than `JSONSerialization`: OpenTimelineIO's writer (RapidJSON)
/// emits `NaN`, `Inf` and `-Infinity` and integers beyond 64 bits, which a strict parser refuses;
/// the depth is bounded so hostile nesting cannot exhaust the stack; and lines are kept.
struct JSONNode: Sendable {
    enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    var line: Int
    var value: Value

    subscript(key: String) -> JSONNode? {
        guard case .object(let pairs) = value else { return nil }
        // The last duplicate wins, as in most readers.
        return pairs.last { $0.key == key }?.value
    }

    var string: String? { if case .string(let s) = value { return s }; return nil }
    var number: Double? { if case .number(let d) = value { return d }; return nil }
    var bool: Bool? { if case .bool(let b) = value { return b }; return nil }
    var array: [JSONNode]? { if case .array(let a) = value { return a }; return nil }
    var isNull: Bool { if case .null = value { return true }; return false }
    var object: [(key: String, value: JSONNode)]? { if case .object(let o) = value { return o }; return nil }
}

struct JSONParseError: Error {
    var line: Int
    var reason: String
}

/// Recursive-descent JSON reader over UTF-8 bytes with a nesting limit.
struct JSONParser {
    static let maxDepth = 200

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ data: Data) {
        var b = [UInt8](data)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
    }

    static func parse(_ data: Data) throws(JSONParseError) -> JSONNode {
        var parser = JSONParser(data)
        parser.skipSpace()
        let node = try parser.parseValue(depth: 0)
        parser.skipSpace()
        if parser.index < parser.bytes.count { throw JSONParseError(line: parser.line, reason: "text after the end of the document") }
        return node
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: line += 1; index += 1
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private func fail(_ reason: String) -> JSONParseError { JSONParseError(line: line, reason: reason) }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONNode {
        guard depth < JSONParser.maxDepth else { throw fail("nested deeper than \(JSONParser.maxDepth) levels") }
        guard index < bytes.count else { throw fail("unexpected end of input") }
        let startLine = line
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var pairs: [(key: String, value: JSONNode)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return JSONNode(line: startLine, value: .object(pairs)) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try parseString()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key.prefix(40))\"") }
                index += 1
                skipSpace()
                let value = try parseValue(depth: depth + 1)
                pairs.append((key, value))
                skipSpace()
                guard index < bytes.count else { throw fail("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                throw fail("expected ',' or '}' in object")
            }
            return JSONNode(line: startLine, value: .object(pairs))
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONNode] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return JSONNode(line: startLine, value: .array(items)) }
            while true {
                skipSpace()
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw fail("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                throw fail("expected ',' or ']' in array")
            }
            return JSONNode(line: startLine, value: .array(items))
        case UInt8(ascii: "\""):
            return JSONNode(line: startLine, value: .string(try parseString()))
        default:
            return JSONNode(line: startLine, value: try parseLiteralOrNumber())
        }
    }

    private mutating func parseLiteralOrNumber() throws(JSONParseError) -> JSONNode.Value {
        let start = index
        while index < bytes.count {
            let c = bytes[index]
            let isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
            if !isWord { break }
            index += 1
            if index - start > 400 { throw fail("number or literal too long") }
        }
        let word = String(decoding: bytes[start..<index], as: UTF8.self)
        switch word {
        case "null": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        // RapidJSON's kParseNanAndInfFlag spellings, which OpenTimelineIO writes.
        case "NaN", "-NaN": return .number(.nan)
        case "Inf", "Infinity", "+Inf", "+Infinity": return .number(.infinity)
        case "-Inf", "-Infinity": return .number(-.infinity)
        default:
            guard !word.isEmpty, JSONParser.isJSONNumber(word), let d = Double(word) else {
                throw fail(word.isEmpty ? "unexpected character" : "not a JSON value: \(word.prefix(40))")
            }
            return .number(d)
        }
    }

    /// The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isJSONNumber(_ s: String) -> Bool {
        var it = Array(s.utf8)[...]
        func digits(_ it: inout ArraySlice<UInt8>) -> Int {
            var n = 0
            while let c = it.first, c >= 0x30, c <= 0x39 { it.removeFirst(); n += 1 }
            return n
        }
        if it.first == UInt8(ascii: "-") { it.removeFirst() }
        if digits(&it) == 0 { return false }
        if it.first == UInt8(ascii: ".") { it.removeFirst(); if digits(&it) == 0 { return false } }
        if it.first == UInt8(ascii: "e") || it.first == UInt8(ascii: "E") {
            it.removeFirst()
            if it.first == UInt8(ascii: "+") || it.first == UInt8(ascii: "-") { it.removeFirst() }
            if digits(&it) == 0 { return false }
        }
        return it.isEmpty
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1 // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let c = bytes[index]
            index += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                        }
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("bad escape in string")
                }
            case 0x0A:
                line += 1
                out.append(c)
            default:
                out.append(c)
            }
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            index += 1
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("bad \\u escape")
            }
            v = v * 16 + d
        }
        return v
    }
}

/// A JSON value to write, with keys in the order given (stable output, as OpenTimelineIO's own).
indirect enum JSONOut {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])

    /// Pretty-printed with four-space indentation like OpenTimelineIO's `write_to_file`.
    func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Inf" : "Inf" } else { out += "\(d)" }
        case .string(let s): JSONOut.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 4)
                item.write(into: &out, indent: indent + 4)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += String(repeating: " ", count: indent + 4)
                JSONOut.writeString(key, into: &out)
                out += ": "
                value.write(into: &out, indent: indent + 4)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
