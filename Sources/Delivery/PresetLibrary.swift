import Foundation

/// The delivery presets a render can name: the built-in ones (`presets/*.toml`, compiled in
/// as `BuiltinPresets`) and the user's in `$XDG_CONFIG_HOME/termcut/presets` (else
/// `~/.config/termcut/presets`), which replace a built-in one of the same name.
public struct PresetLibrary: Sendable {
    public var userDirectory: URL

    public init(userDirectory: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let userDirectory {
            self.userDirectory = userDirectory
        } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            self.userDirectory = URL(fileURLWithPath: xdg).appendingPathComponent("termcut/presets")
        } else {
            self.userDirectory = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config/termcut/presets")
        }
    }

    /// Every preset name, sorted.
    public var names: [String] {
        var names = Set(BuiltinPresets.files.keys.map { String($0.dropLast(5)) })
        if let files = try? FileManager.default.contentsOfDirectory(atPath: userDirectory.path) {
            names.formUnion(files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) })
        }
        return names.sorted()
    }

    /// The preset called `name`: the user's file first, then the built-in one.
    public func preset(named name: String) throws(DeliveryError) -> DeliveryPreset {
        let file = userDirectory.appendingPathComponent("\(name).toml")
        if FileManager.default.fileExists(atPath: file.path) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw DeliveryError("\(file.path): cannot be read")
            }
            return try DeliveryPreset.parse(text: text, name: name, origin: file.path)
        }
        guard let text = BuiltinPresets.files["\(name).toml"] else {
            throw DeliveryError("no preset named '\(name)' (available: \(names.joined(separator: ", ")); `termcut presets` lists them)")
        }
        return try DeliveryPreset.parse(text: text, name: name, origin: "presets/\(name).toml (built in)")
    }

    /// The preset a render uses when none is named: the one for the output's extension.
    public static func defaultName(forExtension fileExtension: String) -> String? {
        switch fileExtension.lowercased() {
        case "mp4", "m4v": "h264"
        case "mov": "prores-hq"
        case "mkv": "archive-ffv1"
        case "webm": "webm-vp9"
        case "mp3": "podcast-mp3"
        case "wav": "podcast-wav"
        default: nil
        }
    }
}
