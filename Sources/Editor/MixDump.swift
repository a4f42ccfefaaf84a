import Foundation
import TimelineModel

/// The mix settings as the dump prints them: only what differs from the defaults, so older
/// dumps (and the tests that compare them) are unchanged.
enum MixDump {
    static func dB(_ value: Double) -> String { (value > 0 ? "+" : "") + String(format: "%g", (value * 100).rounded() / 100) + "dB" }

    static func trackWords(_ track: Track) -> [String] {
        var words: [String] = []
        if track.volumeDB != 0 { words.append("volume \(dB(track.volumeDB))") }
        if track.pan != 0 { words.append("pan \(MixCommands.panText(track.pan))") }
        return words
    }

    static func clipWords(_ clip: Clip) -> String {
        var line = ""
        if clip.gainDB != 0 { line += " gain \(dB(clip.gainDB))" }
        if let f = clip.fadeIn { line += " fade-in \(f.duration) \(f.curve.rawValue)" }
        if let f = clip.fadeOut { line += " fade-out \(f.duration) \(f.curve.rawValue)" }
        if let channel = clip.channel { line += " channel \(channel + 1)" }
        if let c = clip.cleanup {
            if let hz = c.highpassHz { line += " highpass \(String(format: "%g", hz))Hz" }
            if let dB = c.denoiseDB { line += " denoise \(String(format: "%g", dB))dB" }
            if c.bypass { line += " cleanup-bypassed" }
        }
        return line
    }
}
