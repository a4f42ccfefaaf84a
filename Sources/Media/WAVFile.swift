import Foundation

/// Writes 16-bit PCM as a RIFF/WAVE file: recorded narration, as it was captured.
///
/// PCM in WAVE is a 44-byte header in front of the samples (Microsoft's RIFF WAVE spec,
/// `WAVE_FORMAT_PCM`), with nothing to encode, so it is written directly; libavformat reads it
/// back like any other media when the file is imported. The file appears under its final name
/// only when complete: it is written beside it under a temporary name and renamed.
public enum WAVFile {
    public static func write(mono samples: [Int16], sampleRate: Int, to url: URL) throws(MediaError) {
        let dataBytes = UInt32(samples.count * 2)
        var bytes = Data()
        bytes.reserveCapacity(44 + Int(dataBytes))
        func put(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }
        func put32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        func put16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        put("RIFF"); put32(36 + dataBytes); put("WAVE")
        put("fmt "); put32(16); put16(1)  // PCM
        put16(1)  // channels
        put32(UInt32(sampleRate)); put32(UInt32(sampleRate * 2))  // byte rate
        put16(2); put16(16)  // block align, bits per sample
        put("data"); put32(dataBytes)
        samples.withUnsafeBufferPointer { buffer in
            for s in buffer { withUnsafeBytes(of: s.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        do {
            try bytes.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw MediaError(.writeFailed, path: url.path, reason: "cannot write the recording (\(error.localizedDescription))")
        }
    }
}
