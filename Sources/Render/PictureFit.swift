/// How a picture of another aspect ratio fills an output frame.
public enum PictureFit: String, Sendable, Equatable, CaseIterable {
    /// All of the picture, with black bars where the aspects differ (letterbox or pillarbox).
    case fit
    /// The frame covered, the picture's centre kept and its overhang cropped (a 16:9 source in
    /// a 9:16 vertical delivery keeps its middle third).
    case fill

    /// The part of a `frameWidth`×`frameHeight` picture (of display aspect
    /// `aspectWidth`:`aspectHeight`) that, scaled, covers a `boxWidth`×`boxHeight` frame: centred,
    /// in the picture's own pixels.
    public static func cropCovering(aspectWidth: Int, aspectHeight: Int, frameWidth: Int, frameHeight: Int,
                                    boxWidth: Int, boxHeight: Int) -> PixelRect {
        // Compare aspects exactly: aspectW/aspectH against boxW/boxH.
        let pictureWider = aspectWidth * boxHeight > boxWidth * aspectHeight
        if pictureWider {
            // Keep the full height; the width shown is frameWidth × (box aspect / picture aspect).
            let shown = max(1, min(frameWidth, Int((Double(frameWidth) * Double(boxWidth * aspectHeight) / Double(boxHeight * aspectWidth)).rounded())))
            return PixelRect(x: (frameWidth - shown) / 2, y: 0, width: shown, height: frameHeight)
        }
        let shown = max(1, min(frameHeight, Int((Double(frameHeight) * Double(boxHeight * aspectWidth) / Double(boxWidth * aspectHeight)).rounded())))
        return PixelRect(x: 0, y: (frameHeight - shown) / 2, width: frameWidth, height: shown)
    }
}
