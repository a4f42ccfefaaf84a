import Foundation
import TimelineModel

extension OTIOReader {
    /// A Stack termcut wrote for a nested sequence (`metadata.termcut.sequence`): the sequence is
    /// read whole, as a timeline of its own (its tracks, media and deeper nests), and the stack
    /// becomes one nested clip over its `source_range`. Nil for other stacks (they are flattened)
    /// and when the sequence cannot be read at the timeline's rate.
    mutating func readNestedSequence(_ node: JSONNode) -> [PendingItem]? {
        guard let name = node["metadata"]?["termcut"]?["sequence"]?.string, !name.isEmpty else { return nil }
        if !nestedSequences.contains(where: { $0.name == name }) {
            var inner = OTIOReader(fileName: fileName)
            guard let result = try? inner.readDocument(node), result.project.timeline.rate == rate else {
                report(node.line, "nested sequence '\(name)' could not be read at \(rate) fps; flattened")
                return nil
            }
            var project = result.project
            project.timeline.name = name
            nestedSequences.append((name, project))
            // Its own problems, but not the one about the trim, which is the nested clip's range here.
            for problem in result.problems where !problem.message.contains("top-level stack's source_range") {
                report(problem.line, "nested sequence '\(name)': \(problem.message)")
            }
        }
        let duration = nestedSequences.first { $0.name == name }!.project.timeline.duration
        let trim = range(node["source_range"], what: "nested sequence '\(name)' source_range") ?? (start: 0, duration: duration)
        guard trim.duration > 0 else { return [] }
        var clip = PendingClip(name: node["name"]?.string ?? name, mediaKey: nil, absStart: trim.start, duration: trim.duration,
                               markers: readMarkers(node["markers"], owner: "nested sequence '\(name)'"),
                               transitionOut: nil, enabled: node["enabled"]?.bool ?? true, text: nil, line: node.line)
        clip.nestedSequence = name
        return [.clip(clip)]
    }

    /// Adds the nested sequences read to `project` (after its open one): their media join the
    /// project's (a file it already has keeps that id; others get fresh ids), and so do the
    /// sequences they nest in turn. A name already taken is kept once, the first read.
    static func addNestedSequences(_ nested: [(name: String, project: Project)], to project: inout Project) {
        for (_, inner) in nested {
            var ids: [MediaID: MediaID] = [:]
            for media in inner.media {
                if let same = project.media.first(where: { $0.path == media.path }) {
                    ids[media.id] = same.id
                } else {
                    var added = media
                    added.id = project.freshMediaID(for: media.name)
                    ids[media.id] = added.id
                    project.media.append(added)
                    if project.bins.isEmpty { project.bins = [Bin(name: project.name)] }
                    project.bins[0].media.append(added.id)
                }
            }
            for var sequence in inner.sequences where !project.sequences.contains(where: { $0.name == sequence.name }) {
                for t in sequence.tracks.indices {
                    let items = sequence.tracks[t].items.map { item -> Item in
                        guard case .clip(var clip) = item, let id = ids[clip.media] else { return item }
                        clip.media = id
                        return .clip(clip)
                    }
                    sequence.tracks[t].items = ItemList(items)
                }
                project.otherSequences = (project.otherSequences ?? []) + [sequence]
            }
        }
    }
}
