import CSDL2

/// The SDL audio device: 48 kHz stereo Float32, pulling from an `AudioFeed` in SDL's audio
/// thread. Closing it (deinit) stops the callback before the feed can go away.
final class AudioDevice {
    static let sampleRate: Int32 = 48_000
    /// 20 ms: a whole number of milliseconds, which SDL's disk and dummy drivers sleep for
    /// between buffers (a buffer of 1024 would make them run 1.6% fast).
    static let bufferFrames: UInt16 = 960

    let id: SDL_AudioDeviceID
    let driver: String
    /// Held so the callback's unretained pointer stays valid while the device is open.
    let feed: AudioFeed

    /// Buffers between the callback and the listener: see `AudioFeed`.
    static func latencyBuffers(driver: String) -> Int {
        driver == "disk" || driver == "dummy" ? 1 : 2
    }

    static var currentDriver: String {
        SDL_GetCurrentAudioDriver().map { String(cString: $0) } ?? "none"
    }

    init(feed: AudioFeed) throws(PlaybackError) {
        self.feed = feed
        driver = Self.currentDriver
        var wanted = SDL_AudioSpec()
        wanted.freq = Self.sampleRate
        wanted.format = tc_audio_f32sys()
        wanted.channels = 2
        wanted.samples = Self.bufferFrames
        wanted.userdata = Unmanaged.passUnretained(feed).toOpaque()
        wanted.callback = { userdata, stream, length in
            guard let userdata, let stream else { return }
            let feed = Unmanaged<AudioFeed>.fromOpaque(userdata).takeUnretainedValue()
            let frames = Int(length) / (2 * MemoryLayout<Float>.size)
            stream.withMemoryRebound(to: Float.self, capacity: frames * 2) { feed.fill($0, frames: frames) }
        }
        var obtained = SDL_AudioSpec()
        // No changes allowed: SDL converts if the hardware wants another format.
        let id = SDL_OpenAudioDevice(nil, 0, &wanted, &obtained, 0)
        guard id != 0 else { throw .sdl("cannot open the audio device (\(driver))") }
        self.id = id
        SDL_PauseAudioDevice(id, 0)
    }

    deinit {
        SDL_CloseAudioDevice(id)
    }
}
