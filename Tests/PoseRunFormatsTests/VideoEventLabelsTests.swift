import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// The eye-label files (Tests/Fixtures/video-labels): the format, its errors, and the matching of detected
/// events to labels, on made-up labels whose answers are known.
@Suite struct VideoEventLabelsTests {
    static let text = """
        clip: video-dev/example.mp4   # a comment
        frames: 60
        container_fps: 30
        distinct_fps: 24
        slow_motion: 1
        facing: left
        setting: treadmill
        visible: 2-57
        labeller: a test
        events:
        10 near IC sure
        16 near TO unsure
        21 far IC
        27 far TO sure
        """

    @Test func readsTheHeaderAndTheEvents() throws {
        let labels = try VideoEventLabels.parse(Self.text, fileName: "example.labels")
        #expect(labels.frames == 60 && labels.containerFramesPerSecond == 30 && labels.distinctFramesPerSecond == 24)
        #expect(labels.facing == -1 && labels.visible == [2...57] && labels.isRunning)
        #expect(labels.events.count == 4)
        #expect(labels.events[1] == .init(frame: 16, foot: .near, kind: .toeOff, confidence: .unsure))
        // Facing left, the camera sees the runner's left side: the near foot is the left.
        #expect(labels.side(of: .near) == .left && labels.side(of: .far) == .right)
        #expect(labels.isVisible(frame: 2) && !labels.isVisible(frame: 58))
        // One step, left at frame 10 to right at 21: 11 frames at 30 fps.
        #expect(abs((labels.stepsPerMinute ?? 0) - 60 / (11.0 / 30)) < 1e-9)
    }

    /// Steps of 10, 12, 10 and 12 frames: mean 11, sample SD √(4/3) = 1.155 frames, 10.5 %. Labelled to whole
    /// frames at 30 distinct fps each step carries 1/6 frame² of rounding: √(4/3 − 1/6) = 1.080 frames, 9.8 %.
    /// At 15 distinct fps in a 30 fps container the labels fall on every other frame: 4/6 frame² of rounding.
    @Test func stepTimeSpreadLeavesOutTheRoundingToWholeFrames() throws {
        let steps = """
            events:
            0 near IC sure
            10 far IC sure
            22 near IC sure
            32 far IC sure
            44 near IC sure
            """
        let header = Self.text.components(separatedBy: "events:")[0]
        let real = try VideoEventLabels.parse(header.replacingOccurrences(of: "distinct_fps: 24", with: "distinct_fps: 30") + steps, fileName: "s.labels")
        let spread = try #require(real.stepTimeSpread)
        #expect(abs(spread.raw - (4.0 / 3).squareRoot() / 11) < 1e-9)
        #expect(abs(spread.lessRounding - (4.0 / 3 - 1.0 / 6).squareRoot() / 11) < 1e-9)
        let half = try VideoEventLabels.parse(header.replacingOccurrences(of: "distinct_fps: 24", with: "distinct_fps: 15") + steps, fileName: "s.labels")
        #expect(abs((half.stepTimeSpread?.lessRounding ?? 0) - (4.0 / 3 - 4.0 / 6).squareRoot() / 11) < 1e-9)
        // One step is too few to tell a spread.
        #expect(try VideoEventLabels.parse(Self.text, fileName: "example.labels").stepTimeSpread == nil)
    }

    @Test func errorsNameTheLine() {
        let bad = Self.text.replacingOccurrences(of: "21 far IC", with: "21 middle IC")
        #expect(throws: ReferenceEventsError.self) { try VideoEventLabels.parse(bad, fileName: "bad.labels") }
        do {
            _ = try VideoEventLabels.parse(bad, fileName: "bad.labels")
        } catch {
            #expect(error.line == 13 && error.problem.contains("middle"))
        }
        let past = Self.text.replacingOccurrences(of: "27 far TO", with: "70 far TO")
        #expect(throws: ReferenceEventsError.self) { try VideoEventLabels.parse(past, fileName: "past.labels") }
    }

    /// An IC label is the first frame on the ground, so the event lies in the half frame before it; a TO label
    /// the last, so the half frame after. A detector exactly there has zero error.
    @Test func labelsBecomeEventsAtTheFrameEdges() throws {
        let labels = try VideoEventLabels.parse(Self.text, fileName: "example.labels")
        let times = (0..<60).map { Double($0) / 30 }
        let events = labels.referenceEvents(times: times, frameNumbers: Array(0..<60))
        #expect(abs(events[0].time - 9.5 / 30) < 1e-9 && events[0].side == .left)
        #expect(abs(events[1].time - 16.5 / 30) < 1e-9)
    }

    @Test func agreementCountsFoundMissedAndExtraAndTakesTheBetterSideAssignment() throws {
        let labels = try VideoEventLabels.parse(Self.text, fileName: "example.labels")
        let times = (0..<60).map { Double($0) / 30 }
        // The detector calls the near foot right (sides exchanged), finds three of the four events within a
        // frame, misses the far TO, and adds one event inside the visible frames and one outside them.
        let detected = [
            GaitEvent(side: .right, kind: .initialContact, time: 9.9 / 30, frame: 10),
            GaitEvent(side: .right, kind: .toeOff, time: 16 / 30, frame: 16),
            GaitEvent(side: .left, kind: .initialContact, time: 21 / 30, frame: 21),
            GaitEvent(side: .left, kind: .initialContact, time: 40 / 30, frame: 40),
            GaitEvent(side: .left, kind: .initialContact, time: 59 / 30, frame: 59),
        ]
        let a = labels.agreement(with: detected, times: times, frameNumbers: Array(0..<60), toleranceFrames: 3)
        #expect(a.sidesExchanged)
        #expect(a.found == 3 && a.labelled == 4)
        #expect(a.correct == 3 && a.detected == 4, "the event at frame 59 is outside the visible frames")
        #expect(abs((a.medianAbsoluteFrameError ?? 9) - 0.5) < 1e-9)
    }

    /// Labelled contacts at 0, 10, 22, 31, 42, 55 and 65 (steps of 10, 12, 9, 11, 13 and 10 frames at 30 fps, the
    /// feet in turn), found 0, +1, −1, missed, missed, +2 and 0 frames off. Only 0→10, 10→22 and 55→65 have both ends
    /// found: 10 + 12 + 10 labelled frames, 11 + 10 + 8 found, so 60 / (32/3 / 30) = 168.75 against 60 / (29/3 / 30)
    /// ≈ 186.2. Counting the found contacts alone would take 22→55 for one step of 33 frames (36 found), and the
    /// labels' own cadence over all their steps is 166.2; neither is what this compares.
    @Test func cadenceOverStepsFoundAtBothEndsLeavesOutStepsAcrossAMiss() throws {
        let header = Self.text.components(separatedBy: "events:")[0].replacingOccurrences(of: "visible: 2-57", with: "visible: 0-69")
            .replacingOccurrences(of: "frames: 60", with: "frames: 70")
        let labels = try VideoEventLabels.parse(header + """
            events:
            0 near IC sure
            10 far IC sure
            22 near IC sure
            31 far IC sure
            42 near IC sure
            55 far IC sure
            65 near IC sure
            """ + "\n", fileName: "steps.labels")
        let times = (0..<70).map { Double($0) / 30 }
        let reference = labels.referenceEvents(times: times, frameNumbers: Array(0..<70))
        let offsets: [Double?] = [0, 1, -1, nil, nil, 2, 0]
        let found = zip(reference, offsets).compactMap { e, offset in
            offset.map { GaitEvent(side: e.side, kind: e.kind, time: e.time + $0 / 30, frame: e.frame) }
        }
        let a = labels.agreement(with: found, times: times, frameNumbers: Array(0..<70), toleranceFrames: 3)
        #expect(a.found == 5 && a.labelled == 7)
        let cadence = try #require(a.cadenceOverStepsFoundAtBothEnds)
        #expect(abs(cadence.reference - 60 / (32.0 / 3 / 30)) < 1e-9)
        #expect(abs(cadence.detected - 60 / (29.0 / 3 / 30)) < 1e-9)
        #expect(abs((labels.stepsPerMinute ?? 0) - 60 / (65.0 / 6 / 30)) < 1e-9)
        // Fewer than three comparable steps: no figure.
        #expect(labels.agreement(with: Array(found.prefix(3)), times: times, frameNumbers: Array(0..<70), toleranceFrames: 3)
            .cadenceOverStepsFoundAtBothEnds == nil)
    }

    /// A second labeller who saw the clip's frames 0–40 only, put the near IC a frame later, the near TO two frames
    /// later, and the far IC 5 frames later (beyond the 3-frame tolerance), and missed nothing else: over the frames
    /// both judged (2–40) the first's four events stand against three found, with the far IC one missed and one extra.
    @Test func aSecondLabellerIsMatchedLikeADetectorOverTheFramesBothJudged() throws {
        let first = try VideoEventLabels.parse(Self.text, fileName: "first.labels")
        let second = try VideoEventLabels.parse(
            Self.text.replacingOccurrences(of: "visible: 2-57", with: "visible: 0-40")
                .replacingOccurrences(of: "10 near IC sure", with: "11 near IC sure")
                .replacingOccurrences(of: "16 near TO unsure", with: "18 near TO unsure")
                .replacingOccurrences(of: "21 far IC", with: "26 far IC"),
            fileName: "second.labels")
        let a = try #require(first.agreement(withSecondLabels: second))
        #expect(a.labelled == 4 && a.found == 3)
        #expect(a.detected == 4 && a.correct == 3)
        #expect(!a.sidesExchanged)
        #expect(zip(a.frameErrors.sorted(), [0.0, 1, 2]).allSatisfy { abs($0 - $1) < 1e-9 } && a.frameErrors.count == 3)
        // A second labeller who judged frames 0–15 only, with one more event just past them: the first's events after
        // 15 are not missed, and the TO at 16 both put there is no agreement either, since one of them did not judge it.
        let header = Self.text.components(separatedBy: "events:")[0]
        let part = try VideoEventLabels.parse(
            header.replacingOccurrences(of: "visible: 2-57", with: "visible: 0-15") + "events:\n10 near IC sure\n16 near TO sure\n",
            fileName: "part.labels")
        let b = try #require(first.agreement(withSecondLabels: part))
        #expect(b.labelled == 1 && b.found == 1 && b.detected == 1)
        // Labels of another clip, or of the same at another rate, are not compared.
        #expect(first.agreement(withSecondLabels: try VideoEventLabels.parse(
            Self.text.replacingOccurrences(of: "example.mp4", with: "other.mp4"), fileName: "other.labels")) == nil)
        #expect(first.agreement(withSecondLabels: try VideoEventLabels.parse(
            Self.text.replacingOccurrences(of: "container_fps: 30", with: "container_fps: 60"), fileName: "other.labels")) == nil)
    }

    /// The second labeller's files (Tests/Fixtures/video-labels/second-labeller) read, and each labels the clip its
    /// first labels do, with the same frames and facing, over frames both judged.
    @Test func theSecondLabellersFilesLabelTheFirstLabelsClips() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/video-labels")
        let seconds = try FileManager.default.contentsOfDirectory(at: folder.appendingPathComponent("second-labeller"), includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".second.labels") }
        #expect(!seconds.isEmpty)
        for file in seconds {
            let second = try VideoEventLabels.read(contentsOf: file)
            let name = String(file.lastPathComponent.dropLast(".second.labels".count))
            let first = try VideoEventLabels.read(contentsOf: folder.appendingPathComponent(name + ".labels"))
            #expect(second.clip == first.clip && second.frames == first.frames && second.facing == first.facing, "\(name)")
            #expect(second.containerFramesPerSecond == first.containerFramesPerSecond, "\(name)")
            let agreement = try #require(first.agreement(withSecondLabels: second), "\(name)")
            #expect(agreement.labelled > 0, "\(name): no frames both judged")
            #expect(!agreement.sidesExchanged, "\(name): the two labellers call different legs near")
        }
    }
}
