import Foundation
import Media

/// Parses the `--at` forms of `termcut frame`.
public enum FrameTime {
    public static func parse(_ text: String, frameRate: MediaRational?) throws(MediaError) -> FramePosition {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let first = trimmed.first, first == "f" || first == "#" {
            guard let number = Int(trimmed.dropFirst()), number >= 0 else { throw invalid(text) }
            return .frameNumber(number)
        }
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 4 {
            let fields = parts.compactMap { Int($0) }
            guard fields.count == 4, fields.allSatisfy({ $0 >= 0 }), fields[1] < 60, fields[2] < 60 else { throw invalid(text) }
            guard let rate = frameRate, let fps = rate.doubleValue else {
                throw MediaError(.invalidRequest, path: "", reason: "timecode needs a frame rate; the video has none, give seconds instead")
            }
            let nominal = Int(fps.rounded())
            guard fields[3] < nominal else { throw invalid(text) }
            let seconds = (fields[0] * 60 + fields[1]) * 60 + fields[2]
            return .frameNumber(seconds * nominal + fields[3])
        }
        let number = trimmed.hasSuffix("s") ? String(trimmed.dropLast()) : trimmed
        guard let seconds = Double(number), seconds >= 0, seconds.isFinite else { throw invalid(text) }
        return .seconds(seconds)
    }

    private static func invalid(_ text: String) -> MediaError {
        MediaError(.invalidRequest, path: "", reason: "cannot read time '\(text)': use HH:MM:SS:FF, seconds like 3.5s, or a frame number like f120")
    }
}
