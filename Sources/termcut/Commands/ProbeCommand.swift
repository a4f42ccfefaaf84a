import App
import ArgumentParser
import Foundation
import PathBytes
import Media

/// `termcut probe FILE…`: what each file contains, as a table or JSON.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Show the container and streams of media files.",
        discussion: """
            Prints a table per file, or with --json one JSON array with an object per file \
            (snake_case keys; a file that cannot be read gives {"path", "error"}). \
            Each unreadable file is also reported on stderr as `termcut: FILE: reason`; \
            the exit status is 1 if any file failed.
            """
    )

    @Argument(help: "Media files to probe.")
    var files: [String]

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func run() throws {
        var results: [ProbeResult] = []
        for file in files {
            do {
                results.append(.info(file, try MediaProbe.probe(URL(fileURLWithPath: file))))
            } catch {
                results.append(.failure(file, error))
                FileHandle.standardError.write(Data("termcut: \(PathBytes.shown(file)): \(error.reason)\n".utf8))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(results)
            print(PathBytes.shown(String(decoding: data, as: UTF8.self)))
        } else {
            for case let .info(file, info) in results {
                print(PathBytes.shown(ProbeTable.render(info, name: file)))
            }
        }
        if results.contains(where: \.failed) { throw ExitCode(1) }
    }
}

/// One entry of `probe --json`: the file's MediaInfo with `path` as given, or its error.
enum ProbeResult: Encodable {
    case info(String, MediaInfo)
    case failure(String, MediaError)

    var failed: Bool {
        if case .failure = self { true } else { false }
    }

    enum FailureKeys: String, CodingKey { case path, error, errorKind = "error_kind" }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .info(let path, var info):
            info.path = path
            try info.encode(to: encoder)
        case .failure(let path, let error):
            var container = encoder.container(keyedBy: FailureKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(error.reason, forKey: .error)
            try container.encode(error.kind.rawValue, forKey: .errorKind)
        }
    }
}

/// The human-readable form of a probe: a header line and one line per stream.
enum ProbeTable {
    static func render(_ info: MediaInfo, name: String) -> String {
        var lines: [String] = []
        let duration = info.duration.map { timecode($0) } ?? "unknown"
        var header = "\(name): \(info.formatLongName.isEmpty ? info.format : info.formatLongName), duration \(duration)"
        if let start = info.startTime, start != 0 { header += ", start \(String(format: "%.3f", start)) s" }
        if let rate = info.bitRate { header += ", \(rate / 1000) kb/s" }
        // The source timecode an editor logs and conforms by (MOV/MP4 tmcd track, MXF, DV, TS tags).
        if let timecode = info.sourceTimecode { header += ", timecode \(timecode)" }
        lines.append(header)
        for stream in info.streams {
            lines.append("  #\(stream.index) " + describe(stream))
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ stream: StreamInfo) -> String {
        var parts: [String] = [stream.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + stream.codecName]
        if let profile = stream.profile { parts[0] += " (\(profile))" }
        switch stream.kind {
        case .video:
            if let width = stream.width, let height = stream.height { parts.append("\(width)x\(height)") }
            if let pixels = stream.pixelFormat { parts.append(pixels) }
            if let rate = stream.frameRate ?? stream.realFrameRate, let fps = rate.doubleValue {
                parts.append(String(format: "%.3f fps (%@)", fps, rate.description))
            }
            if stream.isVariableFrameRate == true { parts.append("VFR") }
            if let interval = stream.keyframeInterval { parts.append("keyframe every \(interval)") }
            if stream.isInterlaced == true { parts.append("interlaced \(stream.fieldOrder ?? "")") }
            let colour = [stream.colorSpace, stream.colorRange].compactMap { $0 }
            if !colour.isEmpty { parts.append(colour.joined(separator: "/")) }
            if let rotation = stream.rotation, rotation != 0 { parts.append("rotated \(Int(rotation))°") }
            if stream.isAttachedPicture { parts.append("cover art") }
        case .audio:
            if let rate = stream.sampleRate { parts.append("\(rate) Hz") }
            if let layout = stream.channelLayout { parts.append(layout) }
            if let format = stream.sampleFormat { parts.append(format) }
        default:
            break
        }
        if let duration = stream.duration { parts.append(timecode(duration)) }
        if let rate = stream.bitRate { parts.append("\(rate / 1000) kb/s") }
        if stream.isDefault { parts.append("default") }
        if !stream.isDecodable { parts.append("no decoder") }
        return parts.joined(separator: ", ")
    }

    static func timecode(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000)
    }
}
