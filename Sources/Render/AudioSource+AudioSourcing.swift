import Media

/// Media's decoder is the mixer's source of sound in the editor; tests substitute doubles.
extension AudioSource: AudioSourcing {}
