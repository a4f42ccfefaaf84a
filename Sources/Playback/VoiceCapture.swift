import CSDL2
import Foundation

/// The default SDL capture device, recording mono 16-bit 48 kHz for a voice-over, with every
/// buffer stamped by the play clock (τ) at the moment SDL hands it over.
///
/// Alignment: SDL gives no input-latency figure, so the one thing known is that a capture buffer
/// reaches the callback as soon as its last sample was read; its first sample was therefore heard
/// (by the microphone) `frames` samples before the clock's τ at that moment. `recording()` places
/// sample 0 on the τ axis from the first buffer that met a running clock, and every later sample
/// follows by count (the device's own clock keeps them contiguous). Hardware input latency beyond
/// SDL's buffer is not reported by SDL and is not corrected.
///
/// The callback runs on SDL's audio thread; everything it touches is behind `lock`
/// (reviewed `@unchecked Sendable`).
public final class VoiceCapture: @unchecked Sendable {
    public static let sampleRate = 48_000
    /// 20 ms, as the playback device uses (a whole number of milliseconds for the disk driver).
    static let bufferFrames: UInt16 = 960

    private let lock = NSLock()
    private var buffers: [(tau: Int64?, samples: [Int16])] = []
    private let clock: @Sendable () -> Int64?
    private var id: SDL_AudioDeviceID = 0

    /// Opens the default capture device, paused. `clock` is τ of the current play (nil until its
    /// sound reaches the output device). Throws "no audio capture device" when there is none.
    public init(clock: @escaping @Sendable () -> Int64?) throws(PlaybackError) {
        self.clock = clock
        guard SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 else {
            throw PlaybackError("no audio capture device (no audio driver: \(String(cString: SDL_GetError())))")
        }
        // SDL's dummy driver "records" silence: it is the driver of machines without sound, so
        // it counts as no device rather than giving the user a silent narration.
        guard AudioDevice.currentDriver != "dummy" else {
            SDL_QuitSubSystem(SDL_INIT_AUDIO)
            throw PlaybackError("no audio capture device (SDL's audio driver is dummy, which records only silence)")
        }
        var wanted = SDL_AudioSpec()
        wanted.freq = Int32(Self.sampleRate)
        wanted.format = tc_audio_s16sys()
        wanted.channels = 1
        wanted.samples = Self.bufferFrames
        // Unretained: closing the device (deinit at the latest) stops the callback first.
        wanted.userdata = Unmanaged.passUnretained(self).toOpaque()
        wanted.callback = { userdata, stream, length in
            guard let userdata, let stream else { return }
            let capture = Unmanaged<VoiceCapture>.fromOpaque(userdata).takeUnretainedValue()
            let count = Int(length) / MemoryLayout<Int16>.size
            let samples = stream.withMemoryRebound(to: Int16.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
            capture.received(samples)
        }
        var obtained = SDL_AudioSpec()
        // allowed_changes 0: SDL converts whatever the hardware records to mono s16 48 kHz.
        let device = SDL_OpenAudioDevice(nil, 1, &wanted, &obtained, 0)
        guard device != 0 else {
            let why = String(cString: SDL_GetError())
            SDL_QuitSubSystem(SDL_INIT_AUDIO)
            throw PlaybackError("no audio capture device (\(AudioDevice.currentDriver): \(why))")
        }
        id = device
    }

    deinit {
        close()
    }

    private func received(_ samples: [Int16]) {
        let tau = clock()
        lock.lock(); defer { lock.unlock() }
        buffers.append((tau, samples))
    }

    /// Waits (up to `timeout` seconds) until the recording reaches play sample `tau`: the play
    /// can end while the buffer holding its last samples is still being read.
    public func waitUntilRecorded(throughTau tau: Int64, timeout: TimeInterval = 1) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let (samples, first) = recording()
            if let first, first + Int64(samples.count) >= tau { return }
            usleep(2_000)
        }
    }

    /// Starts recording (SDL starts reading the device).
    public func start() { if id != 0 { SDL_PauseAudioDevice(id, 0) } }

    /// Stops the device for good; what was recorded stays readable.
    public func close() {
        guard id != 0 else { return }
        SDL_CloseAudioDevice(id)  // waits for the callback to finish
        id = 0
        SDL_QuitSubSystem(SDL_INIT_AUDIO)
    }

    /// Everything recorded, and τ of its first sample (nil if the clock never ran while recording).
    public func recording() -> (samples: [Int16], firstTau: Int64?) {
        lock.lock(); defer { lock.unlock() }
        var before: Int64 = 0
        var firstTau: Int64?
        for buffer in buffers {
            if let tau = buffer.tau {
                firstTau = tau - Int64(buffer.samples.count) - before
                break
            }
            before += Int64(buffer.samples.count)
        }
        return (buffers.flatMap(\.samples), firstTau)
    }

    /// The samples for τ in `start ..< start + count`: silence where nothing was recorded.
    public static func aligned(_ recording: (samples: [Int16], firstTau: Int64?), start: Int64, count: Int) -> [Int16] {
        guard let first = recording.firstTau else { return [Int16](repeating: 0, count: count) }
        var out = [Int16](repeating: 0, count: count)
        let offset = start - first
        for i in 0..<count {
            let j = offset + Int64(i)
            if j >= 0 && j < Int64(recording.samples.count) { out[i] = recording.samples[Int(j)] }
        }
        return out
    }
}
