import TimelineModel

/// Image clips and motion keyframes in OpenTimelineIO. An image clip is a `GeneratorReference`
/// (`generator_kind` "termcut.Image", like the title's "termcut.Title") whose parameters hold
/// the file as a `file://` URL beside its placement; a title's or image's keyframes go in the
/// generator's `motion` parameter (clip units, as the generator's source range counts them).
/// OTIO has no schema for either, so other tools keep them as opaque parameters.
enum OTIOImage {
    static let kind = "termcut.Image"

    static func parameters(_ image: ImageOverlay, url: String) -> [(String, JSONOut)] {
        [("target_url", .string(url)), ("position", .string(image.position.description)), ("scale", .double(image.scale)),
         ("opacity", .double(image.opacity)), ("fade_in", .int(image.fadeIn)), ("fade_out", .int(image.fadeOut))]
    }

    /// The image the parameters describe (defaults for what is missing or out of range), or nil
    /// without a file.
    static func image(_ p: JSONNode?) -> ImageOverlay? {
        guard let p, let url = p["target_url"]?.string, !url.isEmpty else { return nil }
        var image = ImageOverlay(path: OTIOReader.path(fromTargetURL: url))
        if let v = p["position"]?.string.flatMap(TitleStyle.Position.init(parsing:)) { image.position = v }
        if let v = p["scale"]?.number, ImageOverlay.scaleRange.contains(v) { image.scale = v }
        if let v = p["opacity"]?.number, (0...1).contains(v) { image.opacity = v }
        if let v = p["fade_in"]?.number, v >= 0, v < 1e9 { image.fadeIn = Int64(v) }
        if let v = p["fade_out"]?.number, v >= 0, v < 1e9 { image.fadeOut = Int64(v) }
        return image
    }

    static func motion(_ keyframes: [MotionKeyframe]) -> [(String, JSONOut)] {
        guard !keyframes.isEmpty else { return [] }
        return [("motion", .array(keyframes.map { k in
            var pairs: [(String, JSONOut)] = [("frame", .int(k.frame))]
            if let x = k.x { pairs.append(("x", .double(x))) }
            if let y = k.y { pairs.append(("y", .double(y))) }
            if let s = k.scale { pairs.append(("scale", .double(s))) }
            if let o = k.opacity { pairs.append(("opacity", .double(o))) }
            pairs.append(("ease", .string(k.ease.rawValue)))
            return .object(pairs)
        }))]
    }

    /// The keyframes of a `motion` parameter; those out of range are left out.
    static func motion(_ p: JSONNode?) -> [MotionKeyframe] {
        guard let list = p?["motion"]?.array else { return [] }
        var out: [MotionKeyframe] = []
        for node in list {
            guard let frame = node["frame"]?.number, frame.isFinite, abs(frame) < 1e12 else { continue }
            let k = MotionKeyframe(frame: Int64(frame), x: node["x"]?.number, y: node["y"]?.number, scale: node["scale"]?.number,
                                   opacity: node["opacity"]?.number, ease: node["ease"]?.string.flatMap(MotionEase.init(rawValue:)) ?? .linear)
            if k.problem == nil, !out.contains(where: { $0.frame == k.frame }) { out.append(k) }
        }
        return out.sorted { $0.frame < $1.frame }
    }
}
