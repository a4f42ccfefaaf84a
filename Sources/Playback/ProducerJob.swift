import Foundation
import Render
import TimelineModel

/// What the picture and sound threads should be doing, tagged with the serial of the request.
///
/// The main thread replaces the job (a seek, a play, a stop); workers pick up the newest one,
/// so a burst of seeks while scrubbing costs one render, not one per key press (coalescing).
enum ProducerJob: Sendable, Equatable {
    case idle
    /// Render one frame for a still (paused) viewer.
    case still(frame: Int64)
    /// Trim mode's two-up view (Avid): the outgoing clip's last frame beside the incoming
    /// clip's first frame, each half the width.
    case pair(outgoing: Int64, incoming: Int64)
    case play(PlaySchedule)
}

/// The current job with its serial and the project it applies to. A lock and a condition
/// around three values, reviewed as `@unchecked Sendable`.
final class JobBox: @unchecked Sendable {
    struct Ticket: Sendable {
        var serial: Int
        var job: ProducerJob
        var project: Project
        var projectVersion: Int
        var size: (width: Int, height: Int)
    }

    private let condition = NSCondition()
    private var ticket: Ticket
    private var quit = false

    init(project: Project, size: (width: Int, height: Int)) {
        ticket = Ticket(serial: 0, job: .idle, project: project, projectVersion: 0, size: size)
    }

    func post(serial: Int, job: ProducerJob) {
        condition.lock()
        ticket.serial = serial
        ticket.job = job
        condition.broadcast()
        condition.unlock()
    }

    func post(project: Project) {
        condition.lock()
        ticket.project = project
        ticket.projectVersion += 1
        condition.broadcast()
        condition.unlock()
    }

    func post(size: (width: Int, height: Int)) {
        condition.lock()
        ticket.size = size
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        quit = true
        condition.broadcast()
        condition.unlock()
    }

    var current: Ticket {
        condition.lock(); defer { condition.unlock() }
        return ticket
    }

    var serial: Int {
        condition.lock(); defer { condition.unlock() }
        return ticket.serial
    }

    var isStopped: Bool {
        condition.lock(); defer { condition.unlock() }
        return quit
    }

    /// Waits for a ticket with a serial other than `serial` (or quit); nil on quit.
    func next(after serial: Int?) -> Ticket? {
        condition.lock(); defer { condition.unlock() }
        while !quit && ticket.serial == serial {
            condition.wait()
        }
        return quit ? nil : ticket
    }
}

/// A decoded frame waiting for its time on screen.
struct QueuedFrame: Sendable {
    var serial: Int
    var frame: Int64
    /// Device time (τ) it is due.
    var tau: Int64
    var image: RGBAImage
}

/// Bounded queue of frames from the picture thread to the main thread.
/// Lock-protected; reviewed as `@unchecked Sendable`.
final class FrameQueue: @unchecked Sendable {
    let capacity: Int
    private let condition = NSCondition()
    private var frames: [QueuedFrame] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Waits while full (the main thread pops, or `flush` empties); gives up when `abandon` says so.
    func push(_ frame: QueuedFrame, abandon: () -> Bool) {
        condition.lock(); defer { condition.unlock() }
        while frames.count >= capacity {
            if abandon() { return }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.01))
        }
        if abandon() { return }
        frames.append(frame)
    }

    /// The queued frames of play `serial`, oldest first; frames of older serials are dropped.
    func peek(serial: Int) -> [QueuedFrame] {
        condition.lock(); defer { condition.unlock() }
        frames.removeAll { $0.serial != serial }
        return frames
    }

    func removeFirst(_ count: Int) {
        condition.lock(); defer { condition.unlock() }
        frames.removeFirst(min(count, frames.count))
        condition.broadcast()
    }

    func flush() {
        condition.lock(); defer { condition.unlock() }
        frames.removeAll()
        condition.broadcast()
    }
}
