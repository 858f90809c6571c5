import Foundation
import PoseRunCore

@testable import PoseRunCoaching

/// Hand-made assessments with known faults, built like the assessment would build them.
enum Fixtures {
    /// A criterion with the given status and fault; target and values are illustrative, not from the analysis.
    static func criterion(
        _ id: CriterionID, status: CriterionStatus, fault: Fault? = nil, measured: Double? = 10, weight: Double = 1,
        goodLow: Double? = nil, goodHigh: Double? = 8
    ) -> Criterion {
        Criterion(
            id: id, title: id.rawValue.replacingOccurrences(of: "_", with: " ").capitalized, metric: PoseMethodTargets.rules.first { $0.id == id }?.metric ?? .trunkLean,
            measured: status == .notMeasurable ? nil : measured, unit: .degrees,
            target: CriterionTarget(text: "below 8°", goodLow: goodLow, goodHigh: goodHigh, basis: .sourced, source: "test"),
            status: status, fault: fault, finding: "test finding for \(id.rawValue)", whyItMatters: "test",
            evidence: [], weight: weight)
    }

    /// Heel strike (heaviest, fault) then overstride (work on it) then a good lean; the rest good.
    static var heelStrikeThenOverstride: Assessment {
        Assessment(score: 55, scoring: "test", criteria: [
            criterion(.noHeelStrike, status: .fault, fault: .heelStrike, measured: 15, weight: 3),
            criterion(.landingUnderCentreOfMass, status: .workOnIt, fault: .overstride, measured: 0.3, weight: 2, goodHigh: 0.15),
            criterion(.leanFromAnkles, status: .good, measured: 6, weight: 2, goodLow: 3, goodHigh: 12),
            criterion(.cadence, status: .good, measured: 176, weight: 1, goodLow: 170, goodHigh: nil),
        ])
    }

    /// Every criterion has a fault, so that plans reach every experience level's fault cap.
    static var manyFaults: Assessment {
        Assessment(score: 20, scoring: "test", criteria: [
            criterion(.cadence, status: .fault, fault: .lowCadence, measured: 150, weight: 5, goodLow: 170, goodHigh: nil),
            criterion(.leanFromAnkles, status: .fault, fault: .waistBend, weight: 4),
            criterion(.pullNotPush, status: .fault, fault: .pushOff, weight: 3),
            criterion(.shortArmSwing, status: .fault, fault: .bigArmSwing, weight: 2),
            criterion(.smallKneeDrive, status: .workOnIt, fault: .bigKneeDrive, weight: 1),
        ])
    }

    static var nothingMeasurable: Assessment {
        Assessment(score: nil, scoring: "test", criteria: CriterionID.allCases.map { criterion($0, status: .notMeasurable) })
    }

    static var allGood: Assessment {
        Assessment(score: 95, scoring: "test", criteria: [
            criterion(.noHeelStrike, status: .good, measured: 2, weight: 3),
            criterion(.cadence, status: .good, measured: 180, weight: 1, goodLow: 170, goodHigh: nil),
        ])
    }

    static let monday = CalendarDate(year: 2026, month: 11, day: 30)!

    static func library() throws -> DrillLibrary { try DrillLibrary.bundled() }
}
