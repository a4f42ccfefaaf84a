import Foundation

/// Picture and sound of one generated demo clip. Each frame and each run of samples is a
/// pure function of its index, so a clip is the same every time it is generated.
struct DemoScene: Sendable {
    var name: String
    var seconds: Int
    /// Draws frame `index` (at 30 fps) of the clip.
    var drawFrame: @Sendable (_ index: Int, _ canvas: PictureCanvas) -> Void
    /// The stereo sample at `index` (at 48 kHz), -1…1.
    var sample: @Sendable (_ index: Int) -> (left: Float, right: Float)

    static let frameRate = 30
    static let sampleRate = 48_000
    static let width = 1920
    static let height = 1080

    var frameCount: Int { seconds * Self.frameRate }
    var sampleCount: Int { seconds * Self.sampleRate }
}

extension DemoScene {
    /// Scrolling stripes, a bouncing square, the seconds left in huge digits and the frame
    /// number under them; a 1 kHz beep opens every second, so picture and sound can be
    /// checked against each other.
    static let countdown: DemoScene = {
        let seconds = 10
        let period = 128
        let stripes: [UInt8] = (0..<(width + period)).map { ($0 / (period / 2)) % 2 == 0 ? 70 : 100 }
        let square = VideoColour.bt709(red: 0.75, green: 0.1, blue: 0.1)
        let frames = seconds * frameRate
        return DemoScene(name: "countdown.mp4", seconds: seconds, drawFrame: { index, canvas in
            stripes.withUnsafeBufferPointer { row in
                for y in 0..<canvas.height {
                    canvas.luma.copyRow(y, from: row.baseAddress! + (y + 6 * index) % period)
                }
            }
            let phase = 2 * Double.pi * Double(index) / Double(frames)
            canvas.cb.fill(with: UInt8(128 + 30 * sin(phase)))
            canvas.cr.fill(with: UInt8(128 + 30 * cos(phase)))

            let travel = canvas.width - 240
            let step = (index * 16) % (2 * travel)
            canvas.fill(x: step < travel ? step : 2 * travel - step, y: 60, width: 240, height: 240, with: square)

            let remaining = String(format: "%02d", (frames - index + frameRate - 1) / frameRate)
            let counter = String(format: "%04d", index)
            let big = 420, small = 150
            let bigWidth = SevenSegmentFont.advance(height: big) + big / 2
            let smallWidth = 3 * SevenSegmentFont.advance(height: small) + small / 2
            let plateWidth = max(bigWidth, smallWidth) + 120
            let plateX = (canvas.width - plateWidth) / 2
            canvas.fill(x: plateX, y: 300, width: plateWidth, height: big + small + 160, with: .black)
            SevenSegmentFont.draw(remaining, x: (canvas.width - bigWidth) / 2, y: 340, height: big,
                                  colour: .white, on: canvas)
            SevenSegmentFont.draw(counter, x: (canvas.width - smallWidth) / 2, y: 340 + big + 60, height: small,
                                  colour: VideoColour(y: 210, cb: 128, cr: 128), on: canvas)
        }, sample: { index in
            let inSecond = index % sampleRate
            guard inSecond < sampleRate / 10 else { return (0, 0) }
            let value = Float(0.25 * sin(2 * Double.pi * 1000 * Double(index) / Double(sampleRate)))
            return (value, value)
        })
    }()

    /// 75 % colour bars after SMPTE RP 219 in limited-range BT.709, over a reverse-bar
    /// strip and a row with 100 % white and a PLUGE; a 1 kHz sine at -20 dBFS.
    static let bars: DemoScene = {
        let level = 0.75
        let top: [VideoColour] = [
            .bt709(red: level, green: level, blue: level),  // white
            .bt709(red: level, green: level, blue: 0),      // yellow
            .bt709(red: 0, green: level, blue: level),      // cyan
            .bt709(red: 0, green: level, blue: 0),          // green
            .bt709(red: level, green: 0, blue: level),      // magenta
            .bt709(red: level, green: 0, blue: 0),          // red
            .bt709(red: 0, green: 0, blue: level),          // blue
        ]
        let reverse: [VideoColour] = [top[6], .black, top[4], .black, top[2], .black, top[0]]
        return DemoScene(name: "bars.mp4", seconds: 10, drawFrame: { _, canvas in
            // Even edges, so no chroma sample straddles two bars.
            let edges = (0...7).map { 2 * Int((Double($0) * Double(canvas.width) / 14).rounded()) }
            let barsBottom = canvas.height * 2 / 3
            let stripBottom = canvas.height * 3 / 4
            for bar in 0..<7 {
                let width = edges[bar + 1] - edges[bar]
                canvas.fill(x: edges[bar], y: 0, width: width, height: barsBottom, with: top[bar])
                canvas.fill(x: edges[bar], y: barsBottom, width: width, height: stripBottom - barsBottom, with: reverse[bar])
            }
            let bottom = canvas.height - stripBottom
            canvas.fill(x: 0, y: stripBottom, width: canvas.width, height: bottom, with: .black)
            canvas.fill(x: edges[1], y: stripBottom, width: edges[2] - edges[1], height: bottom, with: .white)
            // PLUGE under the red bar: below black, black, just above black (BT.814).
            let plugeWidth = (edges[6] - edges[5]) / 3 / 2 * 2
            for (step, y) in [UInt8(12), 16, 20].enumerated() {
                canvas.fill(x: edges[5] + step * plugeWidth, y: stripBottom, width: plugeWidth, height: bottom,
                            with: VideoColour(y: y, cb: 128, cr: 128))
            }
        }, sample: { index in
            // -20 dBFS: a sine peaking at a tenth of full scale.
            let value = Float(0.1 * sin(2 * Double.pi * 1000 * Double(index) / Double(sampleRate)))
            return (value, value)
        })
    }()

    /// A slowly rolling gradient with two drifting discs; speech-like bursts of tone
    /// (gliding pitch with harmonics, syllable-rate amplitude modulation, 0.3–2 s) between
    /// digital silences of 0.5–1.5 s. A bar at the bottom follows the sound's envelope.
    static let talk: DemoScene = {
        let seconds = 12
        let schedule = TalkSchedule(seconds: Double(seconds), seed: 0x7A1C)
        let discA = VideoColour.bt709(red: 0, green: 0.75, blue: 0.75)
        let discB = VideoColour.bt709(red: 0.75, green: 0, blue: 0.75)
        let meter = VideoColour.bt709(red: 0.9, green: 0.8, blue: 0.1)
        return DemoScene(name: "talk.mp4", seconds: seconds, drawFrame: { index, canvas in
            let t = Double(index) / Double(frameRate)
            for y in 0..<canvas.height {
                let wave = 0.5 + 0.5 * sin(2 * Double.pi * (Double(y) / Double(canvas.height) + t / 8))
                canvas.luma.fill(x: 0, y: y, width: canvas.width, height: 1, with: UInt8(50 + 120 * wave))
            }
            for y in 0..<canvas.cb.height {
                let wave = Double(y) / Double(canvas.cb.height)
                canvas.cb.fill(x: 0, y: y, width: canvas.cb.width, height: 1, with: UInt8(150 - 30 * wave))
                canvas.cr.fill(x: 0, y: y, width: canvas.cr.width, height: 1, with: UInt8(110 + 20 * wave))
            }
            canvas.fillDisc(centreX: 960 + Int(600 * sin(t * 0.9)), centreY: 420 + Int(200 * sin(t * 1.3)),
                            radius: 150, with: discA)
            canvas.fillDisc(centreX: 960 + Int(500 * cos(t * 0.7)), centreY: 600 + Int(180 * cos(t * 1.1)),
                            radius: 100, with: discB)
            let level = schedule.envelope(at: t)
            canvas.fill(x: 160, y: 960, width: 1600, height: 60, with: .black)
            canvas.fill(x: 160, y: 960, width: Int(1600 * level), height: 60, with: meter)
        }, sample: { index in
            let value = Float(schedule.sample(at: Double(index) / Double(sampleRate)))
            return (value, value)
        })
    }()

    static let all: [DemoScene] = [countdown, bars, talk]
}

/// When the "speaker" of talk.mp4 talks, and what it sounds like.
struct TalkSchedule: Sendable {
    struct Burst: Sendable {
        var start: Double
        var duration: Double
        var pitch: Double
        var syllableRate: Double
        var glidePhase: Double
    }

    var bursts: [Burst] = []

    init(seconds: Double, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var time = 0.5 + random.unit()
        while true {
            let duration = 0.3 + 1.7 * random.unit()
            guard time + duration <= seconds - 0.5 else { break }
            bursts.append(Burst(start: time, duration: duration, pitch: 110 + 140 * random.unit(),
                                syllableRate: 3 + 3 * random.unit(), glidePhase: 2 * Double.pi * random.unit()))
            time += duration + 0.5 + random.unit()
        }
    }

    func burst(at time: Double) -> Burst? {
        bursts.first { time >= $0.start && time < $0.start + $0.duration }
    }

    /// 0…1 loudness at `time`; exactly 0 between bursts.
    func envelope(at time: Double) -> Double {
        guard let burst = burst(at: time) else { return 0 }
        let local = time - burst.start
        let fade = 0.015
        let edge = min(1, local / fade, (burst.duration - local) / fade)
        let smoothEdge = 0.5 - 0.5 * cos(Double.pi * max(0, edge))
        let syllables = 0.5 - 0.5 * cos(2 * Double.pi * burst.syllableRate * local)
        return smoothEdge * (0.25 + 0.75 * syllables)
    }

    func sample(at time: Double) -> Double {
        guard let burst = burst(at: time) else { return 0 }
        let local = time - burst.start
        // Pitch f(t) = f0 (1 + a sin(w t + p)); the phase is its integral, in closed form.
        let depth = 0.25, rate = 2 * Double.pi * 0.7
        let phase = 2 * Double.pi * burst.pitch
            * (local - depth / rate * (cos(rate * local + burst.glidePhase) - cos(burst.glidePhase)))
        let voice = sin(phase) + 0.5 * sin(2 * phase) + 0.25 * sin(3 * phase) + 0.12 * sin(4 * phase)
        return 0.35 * envelope(at: time) * voice / 1.87
    }
}

/// A small seeded generator (SplitMix64), so generated media is identical on every run. Media
/// keeps its own copy because it must not import the timeline model, which has the other.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
