import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// Force-plate contacts from a synthetic C3D whose forces are straight-line ramps, so each
/// threshold crossing can be worked out by hand.
@Suite struct ReferenceEventsForcePlateTests {
    /// 40 frames at 100 Hz from frame 11 (first sample 0.1 s), analog at 1000 Hz (10 per frame).
    /// Plate 1 (type 2, Fz stored negative): 0 N at sample 100 rising 100 N per sample, then
    /// falling from 100 N at sample 200 to 0 at 201 → crossings at samples 100.5 and 200.5.
    /// Plate 2 (type 3, Fz split over channels 11–14): 0 → 200 N between samples 250 and 251,
    /// 600 N stance with a 3-sample dip to 20 N, 200 → 0 between 350 and 351 (crossing 350.75),
    /// then a 5-sample 300 N blip at 380.
    func writer(processor: C3DProcessorType = .intel, scale: Double = -1) -> C3DTestWriter {
        var writer = C3DTestWriter()
        writer.processor = processor
        writer.scale = scale
        writer.pointRate = 100
        writer.firstFrame = 11
        writer.pointLabels = ["LHEEL", "LTOE", "RHEEL", "RTOE"]
        // Left foot over plate 1 (centre 250, 200), right foot over plate 2 (centre 1250, 200).
        writer.points = Array(repeating: [SIMD3(240, 190, 50), SIMD3(280, 210, 20), SIMD3(1230, 190, 50), SIMD3(1270, 210, 20)], count: 40)
        writer.analogSamplesPerFrame = 10
        let samples = 400
        var plate1 = [Double](repeating: 0, count: samples)
        for sample in 100...200 { plate1[sample] = min(Double(sample - 100) * 100, 1000) }
        plate1[200] = 100
        plate1[201] = 0
        var plate2 = [Double](repeating: 0, count: samples)
        plate2[251] = 200
        for sample in 252..<350 { plate2[sample] = 600 }
        for sample in 300..<303 { plate2[sample] = 20 }
        plate2[350] = 200
        for sample in 380..<385 { plate2[sample] = 300 }
        var channels = Array(repeating: [Double](repeating: 0, count: samples), count: 14)
        channels[2] = plate1.map { -$0 }
        for quarter in 10..<14 { channels[quarter] = plate2.map { $0 / 4 } }
        writer.analogRaw = channels
        writer.analogLabels = (1...14).map { "A\($0)" }
        writer.analogScale = Array(repeating: 1, count: 14)
        writer.analogOffset = Array(repeating: 0, count: 14)
        writer.extraGroups = [C3DTestWriter.Group(id: 10, name: "FORCE_PLATFORM", parameters: [
            .integer("USED", 2),
            .integers("TYPE", [2, 3]),
            .integers("CHANNEL", [1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 11, 12, 13, 14], dimensions: [8, 2]),
            .floats("CORNERS", [0, 0, 0, 500, 0, 0, 500, 400, 0, 0, 400, 0,
                                1000, 0, 0, 1500, 0, 0, 1500, 400, 0, 1000, 400, 0], dimensions: [3, 4, 2]),
            .floats("ORIGIN", [0, 0, -40, 0, 0, -40], dimensions: [3, 2]),
        ])]
        return writer
    }

    @Test(arguments: [(C3DProcessorType.intel, -1.0), (.dec, -1), (.mips, 1)])
    func findsInterpolatedCrossingsAndTheFoot(processor: C3DProcessorType, scale: Double) throws {
        let file = try C3DReader.read(bytes: writer(processor: processor, scale: scale).bytes(), fileName: "plates.c3d")
        #expect(file.forcePlates.map(\.type) == [2, 3])
        #expect(file.forcePlates[1].centre == SIMD3(1250, 200, 0))
        let (contacts, notes) = try ForcePlateContactDetector().contacts(in: file)
        try #require(contacts.count == 2)
        // Sample k is at 0.1 + k / 1000 s.
        #expect(contacts[0].plateNumber == 1 && contacts[0].side == .left)
        #expect(abs(try #require(contacts[0].initialContactTime) - 0.2005) < 1e-9)
        #expect(abs(try #require(contacts[0].toeOffTime) - 0.3005) < 1e-9)
        #expect(contacts[1].plateNumber == 2 && contacts[1].side == .right)
        #expect(abs(try #require(contacts[1].initialContactTime) - 0.35025) < 1e-9)
        #expect(abs(try #require(contacts[1].toeOffTime) - 0.45075) < 1e-9)
        #expect(notes.contains { $0.contains("counted as one contact") })
        #expect(notes.contains { $0.contains("too short") })
    }

    @Test func eventsCarryTheInputsFrameNumbers() throws {
        let file = try C3DReader.read(bytes: writer().bytes(), fileName: "plates.c3d")
        let events = try ReferenceEvents.fromForcePlates(of: file).events
        #expect(events.map(\.kind) == [.initialContact, .toeOff, .initialContact, .toeOff])
        // 0.2005 s at 100 Hz is nearest frame 21 ((21 − 1) / 100 = 0.2).
        #expect(events[0].frame == 21)
        // On a clock that starts at the C3D's first frame (0.1 s), frames counted from 1.
        let relative = InputTimeBase(frameRate: 100, firstFrameNumber: 1, firstSampleTime: 0, referenceOffsetSeconds: 0.1)
        let shifted = try ReferenceEvents.fromForcePlates(of: file, timeBase: relative).events
        #expect(abs(shifted[0].time - 0.1005) < 1e-9)
        #expect(shifted[0].frame == 11)
    }

    @Test func aThresholdAboveThePeakFindsNothing() throws {
        let file = try C3DReader.read(bytes: writer().bytes(), fileName: "plates.c3d")
        #expect(throws: ReferenceEventsError.self) {
            try ReferenceEvents.fromForcePlates(of: file, detector: ForcePlateContactDetector(thresholdNewtons: 5000))
        }
    }

    @Test func knownPlateSidesNeedNoMarkers() throws {
        var noMarkers = writer()
        noMarkers.pointLabels = ["A", "B", "C", "D"]
        let file = try C3DReader.read(bytes: noMarkers.bytes(), fileName: "plates.c3d")
        #expect { try ForcePlateContactDetector().contacts(in: file) } throws: { error in
            "\(error)".contains("plates.c3d") && "\(error)".contains("which foot")
        }
        let (contacts, _) = try ForcePlateContactDetector(plateSides: [1: .right, 2: .left]).contacts(in: file)
        #expect(contacts.map(\.side) == [.right, .left])
    }

    @Test func aFileWithoutPlatesSaysSo() throws {
        var plain = writer()
        plain.extraGroups = []
        let file = try C3DReader.read(bytes: plain.bytes(), fileName: "noplates.c3d")
        #expect { try ReferenceEvents.fromForcePlates(of: file) } throws: { error in
            "\(error)".contains("noplates.c3d") && "\(error)".contains("FORCE_PLATFORM")
        }
    }

    @Test func eventSectionMapsLabelsAndContexts() throws {
        var labelled = writer()
        labelled.events = [("Left", "Foot Strike", 0.2), ("Left", "Foot Off", 0.3), ("General", "Start", 0.15), ("Right", "Foot Strike", 0.35)]
        let file = try C3DReader.read(bytes: labelled.bytes(), fileName: "labels.c3d")
        let events = try ReferenceEvents.fromEventSection(of: file)
        #expect(events.events.map(\.kind) == [.initialContact, .toeOff, .initialContact])
        #expect(events.events.map(\.side) == [.left, .left, .right])
        #expect(events.events.map(\.frame) == [21, 31, 36])
        #expect(events.notes.contains { $0.contains("Start") })
    }
}
