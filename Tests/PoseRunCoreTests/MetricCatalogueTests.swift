import Foundation
import PoseRunCore
import Testing

/// The metric catalogue: one definition per metric, consistent with the keys `analysis.json` has always used.
@Suite struct MetricCatalogueTests {
    /// The suffix a key has always carried for its unit (docs/analysis-json.md).
    static func keySuffix(_ unit: MetricUnit) -> String {
        switch unit {
        case .degrees: "_deg"
        case .seconds: "_s"
        case .stepsPerMinute: "_spm"
        case .fraction: "_factor"
        case .percent: "_pct"
        case .metres: "_m"
        case .legLengths: "_leg_lengths"
        case .metresPerSecond: "_m_per_s"
        case .legLengthsPerSecond: "_leg_lengths_per_s"
        }
    }

    @Test(arguments: Metric.allCases) func aKeyEndsWithItsUnit(_ metric: Metric) {
        #expect(metric.key.hasSuffix(Self.keySuffix(metric.definition.unit)), "\(metric.key) in \(metric.definition.unit)")
        #expect(metric.definition.metric == metric)
        #expect(Metric(key: metric.key) == metric)
    }

    @Test func eachQuantityIsReportedOnceInTheUnitTheScaleAllows() {
        let withScale = Metric.reported(inMetres: true), without = Metric.reported(inMetres: false)
        #expect(withScale.count == 26 && without.count == 26)
        #expect(!withScale.contains { $0.definition.isUnscaledTwin })
        #expect(!without.contains { $0.definition.unit.needsScale })
        // A quantity's two spellings share a name, so the reader sees one metric.
        #expect(Set(withScale.map(\.definition.name)) == Set(without.map(\.definition.name)))
        #expect(Set(withScale.map(\.definition.name)).count == 26)
        #expect(Metric.stepLength(inMetres: true) == .stepLengthMetres && Metric.stepLength(inMetres: false) == .stepLengthLegLengths)
    }

    @Test func onlyDurationsAndRatesNeedTheTrueFrameRate() {
        let clocked = Set(Metric.allCases.filter(\.definition.needsTrueFrameRate))
        #expect(clocked == [
            .cadence, .contactTime, .flightTime, .timeToPeakSwingKneeFlexion, .runningSpeedMetresPerSecond,
            .runningSpeedLegLengthsPerSecond,
        ])
    }

    @Test func everyCriterionJudgesACatalogueMetricInItsUnit() {
        for rule in PoseMethodTargets.rules {
            #expect(rule.unit == rule.metric.definition.unit)
            #expect(rule.metric.definition.display.contains(.symmetryTable), "\(rule.metric) is judged, so it is shown")
        }
    }

    @Test func aFileWithALaterVersionsMetricStillReads() throws {
        let json = #"{"side":"left","initial_contact_time":1,"initial_contact_frame":60,"metrics":{"cadence_spm":180,"strike_index":0.3}}"#
        let step = try JSONDecoder().decode(StepRecord.self, from: Data(json.utf8))
        #expect(step.metrics == [.cadence: 180])
        let written = String(decoding: try JSONEncoder().encode(step.metrics), as: UTF8.self)
        #expect(written == #"{"cadence_spm":180}"#, "metrics encode as an object keyed by their JSON keys")
    }
}
