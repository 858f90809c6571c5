import Foundation
import Testing
@testable import PoseRunCore

/// A regular pulldown is found in the repeats, timed on the clock it was filmed on, and told on the
/// container's frames. Known answers from the conversion's arithmetic: 24 fps in 30 shows filmed frame
/// ⌊4n/5⌋ at container frame n, so frames 1, 6, 11, … repeat and the distinct ones were filmed 1/24 s apart.
@Suite struct PulldownTests {
    /// The repeats of 24 fps footage converted to 30 fps: container frame n shows filmed frame ⌊4n/5⌋.
    static func repeatsOf24In30(frames n: Int) -> Set<Int> {
        Set((1..<n).filter { 4 * $0 / 5 == 4 * ($0 - 1) / 5 })
    }

    @Test func aTwentyFourInThirtyPatternIsFoundWithTheRepeatsTheDetectorMissed() throws {
        let all = Self.repeatsOf24In30(frames: 183)
        #expect(all.sorted().prefix(3) == [1, 6, 11])
        // The detector missed three (a still moment), and a frozen intro repeats frames 2–3 as well.
        let found = all.subtracting([61, 121, 181]).union([2, 3])
        let pulldown = try #require(Pulldown.find(repeatedFrames: found, frameCount: 183, frameRate: 30))
        #expect(pulldown.period == 5)
        #expect(pulldown.captureFrameRate == 24)
        #expect(pulldown.repeats == all, "the pattern's repeats, the missed ones filled in; the freeze is no part of it")
    }

    @Test func aShiftOfThePatternsPhaseKeepsItRegular() throws {
        // F_Running_8: every 5th frame from 6 to 51, then from 55 (the converter's phase moved by one frame).
        let found = Set(stride(from: 6, through: 51, by: 5)).union(stride(from: 55, to: 250, by: 5))
        let pulldown = try #require(Pulldown.find(repeatedFrames: found, frameCount: 250, frameRate: 30))
        #expect(pulldown.period == 5)
        #expect(pulldown.repeats == found.union([1]), "carried back to the start: frame 1")
    }

    @Test func twentyFiveInThirtyAndDoubledFramesHaveTheirPeriods() throws {
        let sixth = Set(stride(from: 5, to: 180, by: 6))
        #expect(Pulldown.find(repeatedFrames: sixth, frameCount: 180, frameRate: 30)?.period == 6)
        #expect(Pulldown.find(repeatedFrames: sixth, frameCount: 180, frameRate: 30)?.captureFrameRate == 25)
        let doubled = Set(stride(from: 1, to: 120, by: 2))
        #expect(Pulldown.find(repeatedFrames: doubled, frameCount: 120, frameRate: 60)?.captureFrameRate == 30)
    }

    @Test func irregularOrFewRepeatsAreNoPulldown() {
        // Frames dropped now and then (a busy phone): no common gap.
        let dropped: Set<Int> = [7, 19, 22, 40, 47, 58, 71, 75, 90, 104, 109, 131]
        #expect(Pulldown.find(repeatedFrames: dropped, frameCount: 150, frameRate: 30) == nil)
        #expect(Pulldown.find(repeatedFrames: [5, 10, 15], frameCount: 150, frameRate: 30) == nil)
        // Whole periods apart, but 7 of the pattern's 49: chance, not a conversion.
        #expect(Pulldown.find(repeatedFrames: [5, 10, 15, 40, 100, 150, 200], frameCount: 250, frameRate: 30) == nil)
        #expect(Pulldown.find(repeatedFrames: [], frameCount: 150, frameRate: 30) == nil)
        // A freeze alone (consecutive repeats) is not a pattern.
        #expect(Pulldown.find(repeatedFrames: Set(1...40), frameCount: 150, frameRate: 30) == nil)
        #expect(Pulldown.find(repeatedFrames: Self.repeatsOf24In30(frames: 150), frameCount: 150, frameRate: 0) == nil)
    }

    @Test func theDistinctFramesAreTimedAsFilmedAndMapBackToTheirContainerFrames() throws {
        let n = 60
        let repeats = Self.repeatsOf24In30(frames: n)
        let times = (0..<n).map { Double($0) / 30 }
        let x = (0..<n).map { Double(4 * $0 / 5) }  // the filmed frame's number, as its position
        let track = LandmarkTrack(x: x, y: x, confidence: [Double](repeating: 1, count: n))
        var s = KeypointSequence(times: times, tracks: [.leftAnkle: track], lengthUnit: .pixels, sourceKind: .video, frameRate: 30)
        s.repeatedFrames = repeats
        let pulldown = try #require(Pulldown.find(in: s))
        let capture = try #require(pulldown.captureSequence(of: s))
        let c = capture.sequence
        #expect(c.frameCount == n - repeats.count)
        #expect(c.frameRate == 24)
        #expect(c.repeatedFrames.isEmpty)
        #expect(c.tracks[.leftAnkle]?.x == (0..<c.frameCount).map(Double.init), "each filmed frame once, in order")
        // Filmed 1/24 s apart: frame k at k/24 plus one offset for the whole clip.
        let offset = c.times[0]
        for k in 0..<c.frameCount {
            #expect(abs(c.times[k] - (offset + Double(k) / 24)) < 1e-12, "frame \(k) at \(c.times[k])")
        }
        // Filmed frame 4 is first shown at container frame 5, filmed frame 1 at 2.
        #expect(c.frameNumbers.prefix(5) == [0, 2, 3, 4, 5])
        for k in 0..<c.frameCount {
            #expect(abs(capture.containerTime(c.times[k]) - times[c.frameNumbers[k]]) < 1e-12)
        }
        // Between two filmed frames: between the container frames that show them.
        #expect(abs(capture.containerTime((c.times[0] + c.times[1]) / 2) - 1.0 / 30) < 1e-12)

        // A container whose own times bunch up so that the capture times would not increase: not retimed.
        // Frames 6 and 7 come 0.003 and 0.013 s after frame 5: filmed frame 5 (container 7) would be timed before 4.
        var bunched = s
        bunched.times[6] = s.times[5] + 0.003
        bunched.times[7] = s.times[5] + 0.013
        #expect(pulldown.captureSequence(of: bunched) == nil)

        // Spread back, a repeat carries its original's keypoints, at the container's times.
        let back = capture.containerFrames(of: c, container: s)
        #expect(back.times == times)
        #expect(back.tracks[.leftAnkle]?.x == x)
    }

    /// A runner filmed at 24 fps and stored at 30: measured on the filmed frames, the numbers are those of the
    /// 24 fps footage itself, and the events sit on the container frames that show them.
    @Test func aPulldownClipMeasuresAsItsFootage() throws {
        var filmed = try PhoneClipTimingTests.runner(cadence: 172, fps: 24)
        filmed.sourceKind = .video
        let n = filmed.frameCount * 5 / 4
        var stored = filmed
        let shown = (0..<n).map { 4 * $0 / 5 }
        stored.times = (0..<n).map { Double($0) / 30 }
        stored.frameNumbers = Array(0..<n)
        stored.frameRate = 30
        stored.tracks = filmed.tracks.mapValues { t in
            LandmarkTrack(x: shown.map { t.x[$0] }, y: shown.map { t.y[$0] }, confidence: shown.map { t.confidence[$0] })
        }
        stored.repeatedFrames = Self.repeatsOf24In30(frames: n)

        let footage = try Analyzer().analyze(filmed, name: "24 fps")
        let clip = try Analyzer().analyze(stored, name: "24 in 30")
        for metric in [Metric.cadence, .contactTime, .flightTime] {
            let a = try #require(footage.summary[metric]?.measured?.mean)
            let b = try #require(clip.summary[metric]?.measured?.mean)
            #expect(abs(a - b) < 1e-9 * max(1, abs(a)), "\(metric): \(b) in the clip, \(a) in its footage")
        }
        #expect(abs((clip.summary[Metric.cadence]?.measured?.mean ?? 0) - 172) < 0.02 * 172)
        #expect(clip.quality.findings.contains(.pulldownRetimed(period: 5, captureRate: 24)))
        #expect(clip.quality.distinctFramesPerSecond == 24)
        #expect(clip.input.frameRate == 30 && clip.input.frameCount == n)
        // Each event on the container's clock, on or just after the moment it was filmed (a filmed frame is shown
        // up to 3/120 s after it was taken), and named by the container frame nearest it.
        let filmedEvents = footage.events
        #expect(clip.events.count == filmedEvents.count)
        for (e, f) in zip(clip.events, filmedEvents) {
            #expect(e.kind == f.kind && e.side == f.side)
            #expect(e.time >= f.time - 1e-9 && e.time <= f.time + 3.0 / 120 + 1e-9, "\(e.time) for \(f.time)")
            #expect(abs(Double(e.frame) / 30 - e.time) <= 0.5 / 30 + 1e-9)
        }
    }
}
