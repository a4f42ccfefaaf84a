import TimelineModel

/// The words of one invocation, matched to a command's argument specs, with typed accessors
/// that give errors a user can act on ("razor: tracks: no track named V9").
public struct Arguments: Sendable {
    public let command: String
    public let specs: [ArgumentSpec]
    public let values: [String: String]

    public init(command: String, specs: [ArgumentSpec], text: CommandText) throws(CommandError) {
        self.command = command
        self.specs = specs
        var values: [String: String] = [:]
        var positional = text.positional[...]
        for spec in specs {
            if let v = text.named[spec.name] {
                values[spec.name] = v
            } else if spec.kind == .text, !positional.isEmpty {
                values[spec.name] = positional.joined(separator: " ")
                positional = []
            } else if let v = positional.first {
                values[spec.name] = v
                positional = positional.dropFirst()
            } else if !spec.optional {
                throw CommandError("\(command): missing \(spec.hint) (usage: \(([command] + specs.map(\.hint)).joined(separator: " ")))")
            }
        }
        if let extra = positional.first { throw CommandError("\(command): unexpected argument \"\(extra)\"") }
        for key in text.named.keys where !specs.contains(where: { $0.name == key }) {
            throw CommandError("\(command): no argument named \"\(key)\"")
        }
        for spec in specs {
            if case .choice(let options) = spec.kind, let v = values[spec.name], !options.contains(v) {
                throw CommandError("\(command): \(spec.name) must be one of \(options.joined(separator: ", ")); got \"\(v)\"")
            }
        }
        self.values = values
    }

    public subscript(name: String) -> String? { values[name] }
    public func has(_ name: String) -> Bool { values[name] != nil }

    public func string(_ name: String) throws(CommandError) -> String {
        guard let v = values[name] else { throw CommandError("\(command): missing <\(name)>") }
        return v
    }

    public func int(_ name: String) throws(CommandError) -> Int? {
        guard let v = values[name] else { return nil }
        guard let n = Int(v), abs(n) <= 1_000_000_000 else {
            throw CommandError("\(command): \(name) must be a whole number up to a billion; got \"\(v)\"")
        }
        return n
    }

    public func number(_ name: String) throws(CommandError) -> Double? {
        guard let v = values[name] else { return nil }
        guard let n = Double(v), n.isFinite, abs(n) <= 1e9 else {
            throw CommandError("\(command): \(name) must be a number up to a billion; got \"\(v)\"")
        }
        return n
    }

    public func bool(_ name: String) throws(CommandError) -> Bool? {
        guard let v = values[name]?.lowercased() else { return nil }
        switch v {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw CommandError("\(command): \(name) must be on or off; got \"\(v)\"")
        }
    }

    /// A position. Relative forms (`+5`, `-1s`) count from `relativeTo`; timecode labels count
    /// from `startTimecode` (the sequence's for record positions, 0 for source positions).
    /// A label earlier than the sequence's start timecode names no record frame, so it is read
    /// as time from the start: in a sequence starting at 01:00:00:00, `00:00:05:00` and
    /// `01:00:05:00` are the same frame.
    public func time(_ name: String, in timeline: Timeline, relativeTo origin: Int64,
                     startTimecode: Int64? = nil) throws(CommandError) -> Int64? {
        guard let v = values[name] else { return nil }
        do {
            let start = startTimecode ?? timeline.startTimecode
            let parsed = try TimeArgument.parse(v, rate: timeline.rate, dropFrame: nil)
            if case .timecode(let label) = parsed, label < start { return label }
            return parsed.resolve(playhead: origin, startTimecode: start)
        } catch {
            throw CommandError("\(command): \(name): \(error.message)")
        }
    }

    /// A signed count of frames.
    public func frames(_ name: String, rate: Rate) throws(CommandError) -> Int64? {
        guard let v = values[name] else { return nil }
        do {
            return try TimeArgument.parse(v, rate: rate, dropFrame: nil).resolve(playhead: 0, startTimecode: 0)
        } catch {
            throw CommandError("\(command): \(name): \(error.message)")
        }
    }

    public func track(_ name: String, in timeline: Timeline) throws(CommandError) -> Int? {
        guard let v = values[name] else { return nil }
        guard let t = timeline.trackIndex(named: v) else {
            throw CommandError("\(command): no track named \(v) (tracks: \(timeline.tracks.map(\.name).joined(separator: " ")))")
        }
        return t
    }

    /// `V1,A1`, `all`, or absent (nil: the caller's default).
    public func tracks(_ name: String, in timeline: Timeline) throws(CommandError) -> [Int]? {
        guard let v = values[name] else { return nil }
        if v.lowercased() == "all" { return Array(timeline.tracks.indices) }
        var out: [Int] = []
        for part in v.split(separator: ",") {
            guard let t = timeline.trackIndex(named: String(part)) else {
                throw CommandError("\(command): no track named \(part) (tracks: \(timeline.tracks.map(\.name).joined(separator: " ")))")
            }
            if !out.contains(t) { out.append(t) }
        }
        return out
    }
}
