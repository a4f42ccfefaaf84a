/// The OpenTimelineIO 0.18 schema names and versions this module reads and writes.
///
/// A document names each object's type as `"OTIO_SCHEMA": "Name.version"`. A known name with a
/// newer version than 0.18 writes is read as the newest version we know, and reported.
enum OTIOSchema {
    static let known: [String: Int] = [
        "Timeline": 1, "Stack": 1, "Track": 1, "Sequence": 1, "Clip": 2, "Gap": 1, "Transition": 1,
        "Marker": 2, "ExternalReference": 1, "MissingReference": 1, "GeneratorReference": 1,
        "ImageSequenceReference": 1, "LinearTimeWarp": 1, "FreezeFrame": 1, "Effect": 1, "TimeEffect": 1,
        "RationalTime": 1, "TimeRange": 1, "TimeTransform": 1, "SerializableCollection": 1,
    ]

    /// "Clip.2" → ("Clip", 2); nil when the text is not a schema label.
    static func split(_ label: String) -> (name: String, version: Int)? {
        guard let dot = label.lastIndex(of: "."), let v = Int(label[label.index(after: dot)...]), v >= 0 else { return nil }
        let name = String(label[..<dot])
        return name.isEmpty ? nil : (name, v)
    }
}
