import Foundation

/// How a motion value travels from one keyframe to the next (the keyframe's own `ease`).
public enum MotionEase: String, Codable, Sendable, CaseIterable {
    case linear
    /// Slow out of the keyframe, fast into the next: t².
    case easeIn = "ease-in"
    /// Fast out of the keyframe, slow into the next: 1 − (1 − t)².
    case easeOut = "ease-out"
    /// Slow at both ends: smoothstep 3t² − 2t³ (the volume keyframes' ease).
    case easeInOut = "ease-in-out"

    /// The fraction of the way to the next keyframe's value at time fraction `t` (0…1).
    public func progress(_ t: Double) -> Double {
        let x = min(max(t, 0), 1)
        switch self {
        case .linear: return x
        case .easeIn: return x * x
        case .easeOut: return x * (2 - x)
        case .easeInOut: return x * x * (3 - 2 * x)
        }
    }
}

/// A keyframe of a title's or image's motion at a clip unit (a source frame, like markers and
/// volume keyframes, so it travels with the clip). Each property it sets animates between the
/// keyframes that set it (After Effects' separate property tracks): a keyframe of opacity only
/// leaves the position alone. `x`, `y` place the centre in fractions of the frame (0…1 from
/// the top left); `scale` multiplies the clip's own size (the title's size, the image's
/// scale); `opacity` multiplies its own opacity and fades.
public struct MotionKeyframe: Hashable, Codable, Sendable {
    public var frame: Int64
    public var x: Double?
    public var y: Double?
    public var scale: Double?
    public var opacity: Double?
    /// The curve from this keyframe to the next that sets the same property.
    public var ease: MotionEase

    public init(frame: Int64, x: Double? = nil, y: Double? = nil, scale: Double? = nil, opacity: Double? = nil, ease: MotionEase = .linear) {
        self.frame = frame; self.x = x; self.y = y; self.scale = scale; self.opacity = opacity; self.ease = ease
    }

    /// Why the values cannot be used, or nil.
    public var problem: String? {
        for (name, v) in [("x", x), ("y", y)] {
            if let v, !(v.isFinite && (-1...2).contains(v)) { return "\(name) \(v) is out of range (-1 to 2, fractions of the frame)" }
        }
        if let scale, !(scale.isFinite && (0.01...20).contains(scale)) { return "scale \(scale) is out of range (0.01 to 20)" }
        if let opacity, !(opacity.isFinite && (0...1).contains(opacity)) { return "opacity \(opacity) is out of range (0 to 1)" }
        if x == nil, y == nil, scale == nil, opacity == nil { return "give at least one of x=, y=, scale=, opacity=" }
        return nil
    }

    /// "x=0.2 y=0.8 scale=1.5 opacity=0.5 ease-in", as `dump` shows it.
    public var summary: String {
        var parts: [String] = []
        if let x { parts.append("x=\(TitleStyle.number(x))") }
        if let y { parts.append("y=\(TitleStyle.number(y))") }
        if let scale { parts.append("scale=\(TitleStyle.number(scale))") }
        if let opacity { parts.append("opacity=\(TitleStyle.number(opacity))") }
        parts.append(ease.rawValue)
        return parts.joined(separator: " ")
    }
}

/// The motion of a clip at one instant: what its keyframes say, nil where no keyframe sets it.
public struct MotionState: Equatable, Sendable {
    public var x: Double?
    public var y: Double?
    public var scale: Double?
    public var opacity: Double?
    public init(x: Double? = nil, y: Double? = nil, scale: Double? = nil, opacity: Double? = nil) {
        self.x = x; self.y = y; self.scale = scale; self.opacity = opacity
    }
}

extension Array where Element == MotionKeyframe {
    /// The motion at clip unit `position`: each property from the keyframes that set it, held
    /// before the first and after the last, eased between (the earlier keyframe's curve).
    public func state(at position: Double) -> MotionState {
        MotionState(x: value(at: position, \.x), y: value(at: position, \.y),
                    scale: value(at: position, \.scale), opacity: value(at: position, \.opacity))
    }

    func value(at position: Double, _ property: KeyPath<MotionKeyframe, Double?>) -> Double? {
        // Keyframes are few (a handful per clip): a walk is clearer than a search.
        var before: (frame: Int64, value: Double, ease: MotionEase)?
        for k in self {
            guard let v = k[keyPath: property] else { continue }
            if Double(k.frame) <= position {
                before = (k.frame, v, k.ease)
                continue
            }
            guard let a = before else { return v }
            let t = (position - Double(a.frame)) / Double(k.frame - a.frame)
            return a.value + (v - a.value) * a.ease.progress(t)
        }
        return before?.value
    }
}

extension Timeline {
    /// Adds (or merges into the one at the same unit) a motion keyframe on a title or image clip:
    /// the properties given replace those the keyframe there had; the rest stay.
    public mutating func addMotionKeyframe(clip id: ClipID, _ keyframe: MotionKeyframe) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.title != nil || place.clip.image != nil else {
            throw EditError(.invalidArgument, "\(place.clip.name) (\(id)) is not a title or image clip: motion keyframes move titles and images")
        }
        if let problem = keyframe.problem { throw EditError(.invalidArgument, "motion keyframe: \(problem)") }
        guard keyframe.frame >= place.clip.source.start, keyframe.frame < place.clip.source.end else {
            throw EditError(.invalidRange, "the keyframe lies outside \(id), which covers units \(place.clip.source.start)..<\(place.clip.source.end)")
        }
        updateClip(track: place.track, id: id) { clip in
            var merged = keyframe
            if let old = clip.motion.first(where: { $0.frame == keyframe.frame }) {
                merged.x = keyframe.x ?? old.x; merged.y = keyframe.y ?? old.y
                merged.scale = keyframe.scale ?? old.scale; merged.opacity = keyframe.opacity ?? old.opacity
            }
            clip.motion.removeAll { $0.frame == keyframe.frame }
            clip.motion.append(merged)
            clip.motion.sort { $0.frame < $1.frame }
        }
    }

    /// Deletes the motion keyframe at clip unit `unit`.
    public mutating func deleteMotionKeyframe(clip id: ClipID, at unit: Int64) throws(EditError) {
        let place = try requireClip(id)
        try requireUnlocked(place.track)
        guard place.clip.motion.contains(where: { $0.frame == unit }) else {
            let at = place.clip.motion.map { String($0.frame - place.clip.source.start) }
            throw EditError(.invalidArgument, "\(id) has no motion keyframe there (its keyframes are at frames \(at.isEmpty ? "none" : at.joined(separator: ", ")) of the clip)")
        }
        updateClip(track: place.track, id: id) { $0.motion.removeAll { $0.frame == unit } }
    }
}
