import Foundation
import PathBytes

/// The checks every writer of a delivery file makes before it writes a byte: the folder
/// exists and is writable, the name is not a folder, and it is not one of the media the
/// timeline reads (the final rename would replace that media: termcut never writes to source
/// media). Sameness is by device and inode when the output exists, so another spelling of the
/// path or a link to the media is caught too.
enum OutputTarget {
    static func check(_ output: URL, sources: [String]) throws(DeliveryError) {
        let shown = output.path
        let folder = output.deletingLastPathComponent()
        guard SystemFile.isFolder(folder.path) == true else {
            throw DeliveryError("\(shown): the folder \(folder.path) does not exist")
        }
        if SystemFile.isFolder(output.path) == true {
            throw DeliveryError("\(shown): is a folder; give a file name")
        }
        guard SystemFile.access(folder.path, W_OK) == 0 else {
            throw DeliveryError("\(shown): cannot write in \(folder.path) (permission denied or read-only)")
        }
        let target = SystemFile.status(output.path)
        for source in sources {
            let same: Bool
            if let target, let media = SystemFile.status(source) {
                same = target.st_dev == media.st_dev && target.st_ino == media.st_ino
            } else {
                same = URL(fileURLWithPath: source).standardizedFileURL == output.standardizedFileURL
            }
            if same { throw DeliveryError("\(shown): is one of the timeline's media (\(source)); termcut never writes over its sources") }
        }
    }
}
