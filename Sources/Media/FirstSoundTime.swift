import CFFmpeg

/// When a file's first decoded sample plays, in seconds on the file's clock.
///
/// Not the audio stream's start time: a decoder drops the codec's priming samples (Opus
/// pre-skip, 312 samples in Matroska and Ogg; AAC priming where the container says so) and
/// stamps its first frame after them. Opus in Matroska starts its packets at −7 ms and its
/// first decoded sample at 0 ms; placing that sample at −7 ms put the sound 7 ms early.
/// `AudioSource`'s sample 0 is that first decoded sample, so this is where it belongs.
public enum FirstSoundTime {
    /// Seconds from the file's frame 0 (`MediaInfo.pictureOrigin`) to its first decoded sample:
    /// where sample 0 of its sound belongs on the picture's clock (negative when the sound starts
    /// first). 0 when the file cannot tell (or has no picture: the sound is its own clock).
    public static func offsetFromFrameZero(path: String) -> Double {
        // One open for the start times and the decode (this runs once per file a mix or a
        // silence detection meets); a file without picture needs no decode at all.
        guard let input = try? FormatInput(path: path) else { return 0 }
        let info = MediaProbe.describe(input)
        guard let audio = info.primaryAudio, info.primaryVideo != nil,
              let soundStart = firstDecoded(audio, in: input) ?? audio.startTime,
              let origin = info.pictureOrigin ?? audio.startTime else { return 0 }
        return soundStart - origin
    }

    /// Decodes until `audio`'s first frame; nil when it carries no timestamp (then the stream's
    /// start time is the best there is) or none can be decoded.
    private static func firstDecoded(_ audio: StreamInfo, in input: FormatInput) -> Double? {
        let stream = input.stream(audio.index)
        for other in 0..<input.streamCount where other != audio.index { input.stream(other).pointee.discard = AVDISCARD_ALL }
        guard let decoder = try? CodecContext.decoder(for: stream, path: input.path, threads: 1) else { return nil }
        let base = stream.pointee.time_base
        let packet = Packet(), frame = Frame()
        // A few hundred packets at most: the first frame comes within a packet or two.
        for _ in 0..<400 {
            switch decoder.receive(frame: frame) {
            case .frame:
                guard let timestamp = frame.bestEffortTimestamp ?? frame.pts else { return nil }
                return Double(timestamp) * Double(base.num) / Double(base.den)
            case .end:
                return nil
            case .damaged, .needsInput:
                break
            }
            guard input.read(into: packet) == .packet else {
                _ = decoder.send(packet: nil)
                continue
            }
            defer { packet.unref() }
            guard packet.streamIndex == audio.index else { continue }
            _ = decoder.send(packet: packet)
        }
        return nil
    }
}
