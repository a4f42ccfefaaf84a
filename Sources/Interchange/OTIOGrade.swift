import Foundation
import TimelineModel

/// A clip's grade in OpenTimelineIO. OTIO has no colour-correction schema, so the grade goes
/// where OTIO keeps what an application alone understands: an `Effect.1` named
/// `termcut.grade` whose `metadata.termcut.grade` holds the project file's own grade object.
/// Other readers keep it as an opaque effect (OTIO round-trips unknown effects); termcut reads
/// it back into the clip, refusing values out of range with a report.
enum OTIOGrade {
    static let effectName = "termcut.grade"

    static func effect(_ grade: Grade) -> JSONOut {
        let neutral = Grade()
        var pairs: [(String, JSONOut)] = []
        func number(_ key: String, _ v: Double, _ base: Double) { if v != base { pairs.append((key, .double(v))) } }
        func channels(_ key: String, _ v: ChannelValues, _ base: ChannelValues) {
            if v != base {
                pairs.append((key, .object([("red", .double(v.red)), ("green", .double(v.green)), ("blue", .double(v.blue)), ("master", .double(v.master))])))
            }
        }
        number("exposure", grade.exposure, neutral.exposure)
        number("contrast", grade.contrast, neutral.contrast)
        number("pivot", grade.pivot, neutral.pivot)
        channels("lift", grade.lift, neutral.lift)
        channels("gamma", grade.gamma, neutral.gamma)
        channels("gain", grade.gain, neutral.gain)
        number("saturation", grade.saturation, neutral.saturation)
        number("temperature", grade.temperature, neutral.temperature)
        number("tint", grade.tint, neutral.tint)
        if let lut = grade.lut {
            pairs.append(("lut", .object([("path", .string(lut.path)), ("interpolation", .string(lut.interpolation.rawValue))])))
        }
        if grade.bypass { pairs.append(("bypass", .bool(true))) }
        return .object([
            ("OTIO_SCHEMA", .string("Effect.1")), ("metadata", .object([("termcut", .object([("grade", .object(pairs))]))])),
            ("name", .string("grade")), ("effect_name", .string(effectName)), ("enabled", .bool(!grade.bypass)),
        ])
    }

    /// The grade of the first `termcut.grade` effect, or nil; `problem` gets what was wrong with one that is unusable.
    static func read(_ effects: JSONNode?, problem: (Int?, String) -> Void) -> Grade? {
        for effect in effects?.array ?? [] where effect["effect_name"]?.string == effectName {
            guard let node = effect["metadata"]?["termcut"]?["grade"],
                  let data = try? JSONSerialization.data(withJSONObject: foundation(node)),
                  let grade = try? JSONDecoder().decode(Grade.self, from: data) else {
                problem(effect.line, "a termcut.grade effect that cannot be read; ignored")
                return nil
            }
            if let p = grade.problem {
                problem(effect.line, "grade: \(p); ignored")
                return nil
            }
            return grade
        }
        return nil
    }

    private static func foundation(_ node: JSONNode) -> Any {
        switch node.value {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let d): return d
        case .string(let s): return s
        case .array(let a): return a.map(foundation)
        case .object(let o): return Dictionary(o.map { ($0.key, foundation($0.value)) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
