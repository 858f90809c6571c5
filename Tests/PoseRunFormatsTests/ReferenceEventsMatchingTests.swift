import PoseRunCore
import Testing

/// `EventMatching` (PoseRunCore) with hand-made event lists.
@Suite struct ReferenceEventsMatchingTests {
    func event(_ side: Side, _ kind: GaitEventKind, _ time: Double) -> GaitEvent {
        GaitEvent(side: side, kind: kind, time: time, frame: Int((time * 100).rounded()))
    }

    @Test func errorsAndSummariesOfAPerfectlyPairedList() throws {
        let reference = [event(.left, .initialContact, 1.0), event(.left, .toeOff, 1.25),
                         event(.right, .initialContact, 1.5), event(.right, .toeOff, 1.75)]
        let detected = [event(.left, .initialContact, 1.01), event(.left, .toeOff, 1.23),
                        event(.right, .initialContact, 1.53), event(.right, .toeOff, 1.75)]
        let result = EventMatching.match(detected: detected, reference: reference)
        #expect(result.pairs.count == 4 && result.missed.isEmpty && result.extra.isEmpty)
        #expect(result.pairs.map(\.errorSeconds).map { ($0 * 1000).rounded() } == [10, -20, 30, 0])
        // IC errors +10, +30 ms: mean 20, SD √((10² + 10²) / 1) = 14.14 ms, max 30.
        #expect(abs(try #require(result.initialContact.meanSeconds) - 0.020) < 1e-9)
        #expect(abs(try #require(result.initialContact.standardDeviationSeconds) - 0.0141421356) < 1e-9)
        #expect(abs(try #require(result.initialContact.maxAbsoluteSeconds) - 0.030) < 1e-9)
        // TO errors −20, 0 ms.
        #expect(abs(try #require(result.toeOff.meanSeconds) + 0.010) < 1e-9)
        #expect(abs(try #require(result.toeOff.maxAbsoluteSeconds) - 0.020) < 1e-9)
        // Contacts 0.22 s detected vs 0.25 s, both feet.
        #expect(result.contactTimes.count == 2)
        #expect(result.contactTimes.allSatisfy { abs($0.errorSeconds + 0.03) < 1e-9 })
        #expect(abs(try #require(result.contactTime.meanSeconds) + 0.03) < 1e-9)
    }

    @Test func eachEventIsUsedOnce() {
        let reference = [event(.left, .initialContact, 1.0)]
        let detected = [event(.left, .initialContact, 0.98), event(.left, .initialContact, 1.01)]
        let result = EventMatching.match(detected: detected, reference: reference)
        #expect(result.pairs.count == 1)
        #expect(result.pairs.first?.detected.time == 1.01)
        #expect(result.extra.map(\.time) == [0.98])
    }

    @Test func theClosestPairsAreTakenFirst() {
        // 1.12↔1.10 (20 ms) goes first, so 1.06 takes 1.00 (60 ms) rather than 1.10 (40 ms).
        let reference = [event(.right, .toeOff, 1.0), event(.right, .toeOff, 1.1)]
        let detected = [event(.right, .toeOff, 1.06), event(.right, .toeOff, 1.12)]
        let result = EventMatching.match(detected: detected, reference: reference)
        #expect(result.pairs.map { [$0.reference.time, $0.detected.time] } == [[1.0, 1.06], [1.1, 1.12]])
    }

    @Test func sidesKindsAndToleranceAreRespected() {
        let reference = [event(.left, .initialContact, 1.0), event(.right, .toeOff, 2.0)]
        let detected = [event(.right, .initialContact, 1.0), event(.right, .toeOff, 2.1)]
        let result = EventMatching.match(detected: detected, reference: reference, tolerance: 0.05)
        #expect(result.pairs.isEmpty)
        #expect(result.missed.count == 2 && result.extra.count == 2)
        #expect(result.initialContact.count == 0 && result.initialContact.meanSeconds == nil)
    }

    @Test func eventsOutsideTheTimeSpanAreLeftOut() {
        let reference = [event(.left, .initialContact, 0.5), event(.left, .initialContact, 1.5)]
        let detected = [event(.left, .initialContact, 1.52)]
        let result = EventMatching.match(detected: detected, reference: reference, within: 1.0...2.0)
        #expect(result.missed.isEmpty && result.pairs.count == 1)
    }

    @Test func contactTimeNeedsBothEndsPaired() {
        let reference = [event(.left, .initialContact, 1.0), event(.left, .toeOff, 1.25)]
        let detected = [event(.left, .initialContact, 1.01)]
        let result = EventMatching.match(detected: detected, reference: reference)
        #expect(result.contactTimes.isEmpty && result.contactTime.count == 0)
        #expect(result.missed.map(\.kind) == [.toeOff])
    }
}
