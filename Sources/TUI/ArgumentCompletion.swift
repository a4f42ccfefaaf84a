import Editor
import Foundation

/// What the palette offers for an argument, from its type (`ArgumentKind`): files and folders
/// for paths, the project's media, bins, clips and tracks, the values of a choice, the themes.
/// Times and frame counts are typed, not picked: they get a hint instead.
enum ArgumentCompletion {
    static func candidates(_ kind: ArgumentKind, prefix: String, model: ScreenModel,
                           themes: () -> [String] = { DataFiles.available("themes", in: DataFiles.searchDirectories("themes")) })
        -> [String] {
        func matching(_ values: [String]) -> [String] {
            var seen = Set<String>()
            let lower = prefix.lowercased()
            return values.filter { $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }
        }
        switch kind {
        case .choice(let options): return matching(options)
        case .track: return matching(model.timeline.tracks.map(\.name))
        case .tracks:
            // `V1,A` completes the last name of the list.
            let head = prefix.range(of: ",", options: .backwards).map { String(prefix[..<$0.upperBound]) } ?? ""
            let tail = String(prefix.dropFirst(head.count))
            let names = model.timeline.tracks.map(\.name) + (head.isEmpty ? ["all"] : [])
            return names.filter { $0.lowercased().hasPrefix(tail.lowercased()) }.map { head + $0 }
        case .media: return matching(model.bins.filter { $0.kind == .media }.map(\.name))
        case .bin: return matching(model.bins.filter { $0.kind == .bin }.map(\.name))
        case .clip:
            let ids = model.timeline.tracks.flatMap(\.items).compactMap(\.clipID)
            return matching(ids).sorted { Int($0.dropFirst()) ?? 0 < Int($1.dropFirst()) ?? 0 }
        case .theme: return matching(themes())
        case .path: return paths(prefix)
        case .time, .frames, .int, .number, .word, .text: return []
        }
    }

    /// Files and folders starting with `prefix` (`~` is home); folders end in `/`. Hidden
    /// entries only when the typed name starts with a dot.
    static func paths(_ prefix: String) -> [String] {
        let slash = prefix.range(of: "/", options: .backwards)
        let folderPart = slash.map { String(prefix[..<$0.upperBound]) } ?? ""
        let namePart = String(prefix.dropFirst(folderPart.count))
        let folder = folderPart.isEmpty ? "." : (folderPart as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isFolder)
            return folderPart + name + (isFolder.boolValue ? "/" : "")
        }
    }

    /// What to type for a kind that is not picked from a list.
    static func hint(_ kind: ArgumentKind) -> String? {
        switch kind {
        case .time: "timecode 01:00:10:00, +N/-N frames, fN, 2.5s"
        case .frames: "frames: 5, -3, +10, 2s, 00:00:01:00"
        case .int: "a whole number"
        case .number: "a number"
        case .tracks: "tracks: V1,A1 or all"
        case .path: "a file (tab lists; spaces are quoted)"
        default: nil
        }
    }
}
