import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// Reference events from the shared Dorn sprint and Hamner treadmill recordings.
@Suite(.enabled(if: C3DTestData.isAvailable, "needs ../shared/data/mocap"))
struct ReferenceEventsRealDataTests {
    let file: C3DFile
    let derivedCSV = C3DTestData.dorn.appendingPathComponent("JA1Gait35_events_from_c3d_forceplates.csv")

    init() throws {
        file = try C3DReader.read(contentsOf: C3DTestData.dornC3D)
    }

    @Test func forcePlatesAgreeWithTheDerivedCSVWithinAMillisecond() throws {
        let fromPlates = try ReferenceEvents.fromForcePlates(of: file)
        // The CSV (same 50 N threshold) gives the first and last analog sample above threshold, so
        // interpolated crossings differ from it by less than one 1500 Hz sample (0.67 ms).
        let derived = try ReferenceEventsCSV.read(contentsOf: derivedCSV, timeColumn: "time_abs_s", timeBase: InputTimeBase(file))
        #expect(fromPlates.events.count == 8)
        #expect(derived.events.count == 8)
        for (found, expected) in zip(fromPlates.events, derived.events) {
            #expect(found.side == expected.side)
            #expect(found.kind == expected.kind)
            #expect(abs(found.time - expected.time) < 0.001, "\(found) vs \(expected)")
            #expect(found.frame == file.frameNumber(nearest: found.time))
        }
        // Plate 4's force dips under 50 N for under a millisecond just before toe-off: one contact.
        #expect(fromPlates.notes.contains { $0.contains("force plate 4") && $0.contains("one contact") })
    }

    @Test func forcePlateContactsGoToTheFootOnThePlate() throws {
        let (contacts, _) = try ForcePlateContactDetector().contacts(in: file)
        // The derived CSV: FP2 right, FP4 left, FP7 right, FP8 left.
        #expect(contacts.map(\.plateNumber) == [2, 4, 7, 8])
        #expect(contacts.map(\.side) == [.right, .left, .right, .left])
        #expect(contacts.allSatisfy { $0.peakForceNewtons > 2000 })
    }

    @Test func eventSectionGivesTheTenLabelledEvents() throws {
        let labelled = try ReferenceEvents.fromEventSection(of: file)
        #expect(labelled.events.filter { $0.kind == .initialContact }.count == 5)
        #expect(labelled.events.filter { $0.kind == .toeOff }.count == 5)
        // JA1Gait35_c3d_events.csv, first row: 3.5640 s, Left, Foot Off → frame (3.564 × 250) + 1.
        let first = try #require(labelled.events.first)
        #expect(first.side == .left && first.kind == .toeOff && abs(first.time - 3.564) < 1e-5)
        #expect(first.frame == 892)
    }

    @Test func labelsAgreeWithForcePlatesWithinEightMilliseconds() throws {
        // The data README: the labels and the plates agree within about 1–8 ms.
        let labelled = try ReferenceEvents.fromEventSection(of: file)
        let fromPlates = try ReferenceEvents.fromForcePlates(of: file)
        let result = EventMatching.match(detected: labelled.events, reference: fromPlates.events, tolerance: 0.02)
        #expect(result.pairs.count == 8)
        #expect(result.missed.isEmpty)
        // Labels outside the plated steps: the first Foot Off and the last Foot Strike.
        #expect(result.extra.count == 2)
        #expect(try #require(result.initialContact.maxAbsoluteSeconds) <= 0.0085)
        #expect(try #require(result.toeOff.maxAbsoluteSeconds) <= 0.0085)
        #expect(result.contactTime.count == 4)
    }

    @Test func eventSectionInATRCsTimeBase() throws {
        // A TRC of this trial counting from 0 at C3D 3.336 s (its first row is C3D frame 835).
        let trc = InputTimeBase(frameRate: 250, firstFrameNumber: 1, firstSampleTime: 0, referenceOffsetSeconds: 3.336)
        let labelled = try ReferenceEvents.fromEventSection(of: file, timeBase: trc)
        let first = try #require(labelled.events.first)
        #expect(abs(first.time - 0.228) < 1e-5)
        #expect(first.frame == 58)
    }

    @Test func readsTheDornCSVsRelativeColumnByDefault() throws {
        let timeBase = InputTimeBase(frameRate: 250, firstFrameNumber: 1, firstSampleTime: 0)
        let events = try ReferenceEventsCSV.read(contentsOf: derivedCSV, timeBase: timeBase)
        #expect(events.events.count == 8)
        #expect(abs(events.events[0].time - 0.3533) < 1e-9)
        #expect(events.sourceDescription.contains("time_rel_s"))
        let labels = try ReferenceEventsCSV.read(contentsOf: C3DTestData.dorn.appendingPathComponent("JA1Gait35_c3d_events.csv"), timeBase: timeBase)
        // Its relative column is named time_rel_trc_s; "Foot Strike"/"Foot Off" words are accepted.
        #expect(labels.events.count == 10)
        #expect(abs(labels.events[0].time - 0.236) < 1e-9)
    }

    @Test func readsTheHamnerCSV() throws {
        let url = C3DTestData.hamner.appendingPathComponent("run200_events_from_grf.csv")
        let events = try ReferenceEventsCSV.read(contentsOf: url, timeBase: InputTimeBase(frameRate: 100, firstFrameNumber: 1, firstSampleTime: 0))
        #expect(events.events.count == 12)
        let first = try #require(events.events.first)
        // First data row: 0.2200,R,IC → frame 1 + 0.22 × 100.
        #expect(first.side == .right && first.kind == .initialContact && first.time == 0.22 && first.frame == 23)
    }

    @Test func loadChoosesTheEventSectionForTheDornC3D() throws {
        let events = try ReferenceEvents.load(contentsOf: C3DTestData.dornC3D, timeBase: InputTimeBase(file))
        #expect(events.sourceDescription.contains("EVENT"))
        let plates = try ReferenceEvents.load(contentsOf: C3DTestData.dornC3D, timeBase: InputTimeBase(file), c3dSource: .forcePlates)
        #expect(plates.events.count == 8)
    }
}
