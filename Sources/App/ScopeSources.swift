import Analysis
import Foundation
import Interchange
import Media
import Render
import TimelineModel

/// Pictures for the scopes from a file or a project.
public enum ScopeSources {
    public static func readProject(_ url: URL, as name: String) throws -> Project {
        do {
            return try ProjectFile.read(url).project
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The picture at `at` of a video file or a project, and a note of where it came from.
    public static func image(_ input: String, at: String) throws -> (ScopeImage, String) {
        let url = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError("\(input): no such file") }
        do {
            if url.pathExtension == ProjectFile.fileExtension {
                let project = try readProject(url, as: input)
                let timeline = project.timeline
                let frame = try ProjectStill.recordFrame(at, in: timeline, name: input)
                let renderer = TimelineRenderer(project: project)
                let size = renderer.frameSize
                return try picture(renderer, frame: frame, width: size.width, height: size.height)
            }
            // One frame: no cache or read-ahead (see FrameCommand).
            let source = try VideoSource(url: url, cache: FrameCache(budgetBytes: 0), readAheadFrames: 0)
            let position = try FrameTime.parse(at, frameRate: source.frameRate)
            let frame = try source.frame(at: position)
            return (try ScopeImage(frame: frame), "frame at \(String(format: "%.3f", frame.time)) s, \(frame.pixelFormatName)")
        } catch let error as MediaError {
            throw CLIError("\(input): \(error.reason)")
        } catch let error as ScopeImageError {
            throw CLIError("\(input): \(error.message)")
        }
    }

    /// The timeline's picture at record `frame` for the scopes. Where one clip fills the picture,
    /// ungraded, its decoded frame as it is (exact code values: Render's RGBA would clip sub-blacks and
    /// super-whites and round through a second matrix); otherwise Render's RGBA at
    /// `width`×`height` (fitted to the timeline's aspect by the caller).
    public static func picture(_ renderer: TimelineRenderer, frame: Int64, width: Int, height: Int) throws -> (ScopeImage, String) {
        let project = renderer.project
        if case .layer(let layer) = renderer.composition(at: frame), case .media(let id, let sourceFrame) = layer.source, renderer.grade(of: layer) == nil,
           !renderer.hasOverlays(at: frame), let reference = project.mediaReference(id), case .success(let source) = renderer.pool.video(for: reference),
           let decoded = try? source.frame(atTimestamp: TimelineRenderer.timestamp(of: sourceFrame, rate: project.timeline.rate, in: source)),
           let image = try? ScopeImage(frame: decoded) {
            // With proxies on the reference's path is its proxy's: say so first (the note is cut to the pane's width).
            let what = reference.proxy != nil && reference.proxy == reference.path ? "proxy of \(reference.name), source frame" : "source frame of \(reference.name)"
            return (image, "\(what) (\(decoded.pixelFormatName), code values as decoded)")
        }
        let picture = renderer.picture(at: frame, width: width, height: height)
        return (try ScopeImage(rgba: picture.bytes, width: picture.width, height: picture.height),
                "timeline picture (Render RGBA, full range)")
    }
}
