import Foundation
import Media
import Render

/// `termcut scenes --sheet OUT.png`: one thumbnail per scene (its first frame) with its
/// number and timecode under it, four to a row, for people who would rather look than read.
public enum ContactSheet {
    static let columns = 4, thumbWidth = 240, margin = 8, label = 22

    public static func write(_ url: URL, media: URL, sceneStarts: [Int], rate: Double) throws(CLIError) {
        let source: VideoSource
        do { source = try VideoSource(url: media, readAheadFrames: 0) } catch { throw CLIError(error.description) }
        let aspect = Double(source.stream.height ?? 9) / Double(max(1, source.stream.width ?? 16))
        let thumbHeight = max(2, Int((Double(thumbWidth) * aspect).rounded()) & ~1)
        let rows = (sceneStarts.count + columns - 1) / columns
        let cellWidth = thumbWidth + margin, cellHeight = thumbHeight + label + margin
        var sheet = RGBAImage(width: margin + columns * cellWidth, height: margin + max(1, rows) * cellHeight,
                              colour: RGBAColour(r: 24, g: 24, b: 28))
        let white = RGBAColour(r: 235, g: 235, b: 235)
        for (index, start) in sceneStarts.enumerated() {
            let x = margin + (index % columns) * cellWidth, y = margin + (index / columns) * cellHeight
            do {
                let frame = try source.frame(at: .frameNumber(start))
                sheet.draw(RGBAImage(try frame.converted(to: .rgba, width: thumbWidth, height: thumbHeight)), atX: x, y: y)
            } catch {
                throw CLIError(error.description)
            }
            BlockFont.draw("\(index + 1)  \(timecode(start, rate: rate))", into: &sheet, x: x, y: y + thumbHeight + 6, scale: 2, colour: white)
        }
        var rgb = [UInt8]()
        rgb.reserveCapacity(sheet.width * sheet.height * 3)
        for pixel in 0..<(sheet.width * sheet.height) { rgb += sheet.bytes[(pixel * 4)..<(pixel * 4 + 3)] }
        do { try PNGWriter.write(rgb24: rgb, width: sheet.width, height: sheet.height, to: url) } catch {
            throw CLIError(error.description)
        }
    }

    /// HH:MM:SS:FF at the video's rate (rounded to whole frames per second).
    static func timecode(_ frame: Int, rate: Double) -> String {
        let base = max(1, Int(rate.rounded()))
        let seconds = frame / base
        return String(format: "%02d:%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60, frame % base)
    }
}
