import TimelineModel

extension EDLReader {
    /// An `M2` speed in frames per second as a clip speed. Avid counts it against the timecode
    /// base (012.0 is 50% at 23.976), OpenTimelineIO's adapter against the true rate (11.988 is
    /// 50% there): whichever gives a simple fraction (denominator ≤ 100, within 1e-5) wins, the
    /// timecode base first; else the nearest fraction to fps ÷ base with a denominator ≤ 1000.
    static func speed(fps: Double, rate: Rate) -> ClipSpeed? {
        for divisor in [Double(rate.timecodeBase), rate.framesPerSecond] {
            let scalar = fps / divisor
            if let s = ClipSpeed.approximating(scalar, maxDenominator: 100), abs(s.scalar - scalar) <= 1e-5 * scalar { return s }
        }
        return ClipSpeed.approximating(fps / Double(rate.timecodeBase))
    }

    /// Source frames an event runs through, lowest to one past the highest: forwards from the
    /// source in, or in reverse down from it (the source in is the first frame played, as Avid
    /// writes a reverse motion effect and termcut's writer does).
    static func sourceExtent(sourceIn: Int64, span: Int64, reversed: Bool) -> (lo: Int64, hi: Int64) {
        reversed ? (sourceIn - max(span, 1) + 1, sourceIn + 1) : (sourceIn, sourceIn + span)
    }
}
