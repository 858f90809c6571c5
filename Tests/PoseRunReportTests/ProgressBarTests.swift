import Testing
@testable import PoseRunReport

struct ProgressBarTests {
    @Test func showsTheBarCountRateAndTimeLeft() {
        // 120 of 480 frames in 2 s: 60 fps, 360 frames to go = 6 s; a quarter of 20 characters filled.
        let line = ProgressBar(width: 20).line(done: 120, total: 480, elapsedSeconds: 2)
        #expect(line == "[#####---------------]  120/480 frames  60 fps  6 s left")
    }

    @Test func aFinishedJobHasAFullBarAndNoTimeLeft() {
        let line = ProgressBar(width: 10).line(done: 50, total: 50, elapsedSeconds: 0.5)
        #expect(line == "[##########]  50/50 frames  100 fps")
    }

    @Test func beforeTheFirstFrameTheRateIsUnknown() {
        #expect(ProgressBar(width: 4).line(done: 0, total: 10, elapsedSeconds: 0) == "[----]  0/10 frames  — fps")
    }

    @Test func anUnknownTotalShowsTheCountOnly() {
        #expect(ProgressBar().line(done: 30, total: 0, elapsedSeconds: 1) == "30 frames  30 fps")
    }

    @Test func aCountBeyondTheTotalDoesNotOverflowTheBar() {
        #expect(ProgressBar(width: 4).line(done: 12, total: 10, elapsedSeconds: 1) == "[####]  12/10 frames  12 fps")
    }

    @Test func durationsReadNaturally() {
        #expect(ProgressBar.duration(6.2) == "7 s")
        #expect(ProgressBar.duration(125) == "2 min 05 s")
        #expect(ProgressBar.duration(3780) == "1 h 03 min")
    }
}

struct ProgressBarRateTests {
    @Test func aGivenRateGivesTheTimeLeft() {
        // 100 frames to go at 40 frames/s: 2.5 s, shown rounded up.
        #expect(ProgressBar(width: 2).line(done: 100, total: 200, perSecond: 40) == "[#-]  100/200 frames  40 fps  3 s left")
    }
}
