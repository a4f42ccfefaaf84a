import TUI
import XCTest

/// Notices arriving on their own wait until the message the user caused has been up ~2 s.
final class NoticeQueueTests: XCTestCase {
    typealias Message = ViewState.Message

    func testALateNoticeWaitsForAFreshMessageThenShows() {
        var queue = NoticeQueue(readingTime: 2)
        queue.showing(Message("razor: cut 2 clips"), at: 10)
        queue.post(Message("preview off (--no-preview)"))
        XCTAssertNil(queue.next(at: 10.5), "the user's message is half a second old")
        XCTAssertNil(queue.next(at: 11.9))
        XCTAssertEqual(queue.next(at: 12.0), Message("preview off (--no-preview)"))
        XCTAssertTrue(queue.pending.isEmpty)
    }

    func testANoticeReplacesAMessageReadLongEnoughAtOnce() {
        var queue = NoticeQueue(readingTime: 2)
        queue.showing(Message("saved"), at: 0)
        queue.post(Message("autosaved", isError: false))
        XCTAssertEqual(queue.next(at: 5), Message("autosaved"))
    }

    func testTheGreetingDoesNotHoldNoticesBack() {
        var queue = NoticeQueue()
        queue.showing(Message("termcut: ? for keys, : for commands"), at: -.infinity)
        queue.post(Message("preview off"))
        XCTAssertEqual(queue.next(at: 0.01), Message("preview off"))
    }

    func testQueuedNoticesComeOneAfterAnotherEachReadableAndANewKeyHoldsThemAgain() {
        var queue = NoticeQueue(readingTime: 2)
        queue.showing(Message("zoom: 4 frames per column"), at: 100)
        queue.post(Message("render done"))
        queue.post(Message("loudness measured", isError: true))
        XCTAssertEqual(queue.next(at: 102), Message("render done"))
        // The notice just shown counts as the line's message: the next waits for it to be read.
        queue.showing(Message("render done"), at: 102.1)
        XCTAssertNil(queue.next(at: 103))
        // A key's result in between holds the rest back again from its own time.
        queue.showing(Message("mark in"), at: 103.5)
        XCTAssertNil(queue.next(at: 105.4))
        XCTAssertEqual(queue.next(at: 105.5), Message("loudness measured", isError: true))
        XCTAssertNil(queue.next(at: 200), "nothing left")
    }
}
