import Foundation
import PoseRunCore
import Testing

@testable import PoseRunCoaching

@Suite("Plan builder")
struct PlanBuilderTests {
    func builder() throws -> PlanBuilder { PlanBuilder(library: try Fixtures.library()) }

    // MARK: - Selection

    @Test func theMostImportantFaultsDrillsComeFirst() throws {
        let plan = try builder().plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(experience: .intermediate), weeks: 4,
            startDate: Fixtures.monday)
        #expect(plan.kind == .tailored)
        #expect(plan.focus.map(\.fault) == [.heelStrike, .overstride])
        let firstSession = try #require(plan.weeks.first?.sessions.first)
        #expect(firstSession.kind == .technique)
        let library = try Fixtures.library()
        let drills = firstSession.items.filter { $0.kind == .poseDrill }.compactMap { library.entry(id: $0.entryID) }
        // The heel-strike drills lead; the overstride drills follow.
        let heelDrills = plan.focus[0].drillIDs
        #expect(heelDrills.count == 2)
        #expect(Array(drills.prefix(2).map(\.id)) == heelDrills)
        #expect(drills.prefix(2).allSatisfy { $0.faults.first == .heelStrike })
        #expect(drills.dropFirst(2).allSatisfy { $0.faults.contains(.overstride) })
    }

    @Test func beginnersWorkOnTwoFaultsAndTheRestWait() throws {
        let plan = try builder().plan(
            for: Fixtures.manyFaults, profile: RunnerProfile(experience: .beginner), weeks: 4, startDate: Fixtures.monday)
        // manyFaults' weights are 5, 4, 3, 2, 1: that is the priority order.
        #expect(plan.focus.map(\.fault) == [.lowCadence, .waistBend])
        #expect(plan.deferredFaults == [.pushOff, .bigArmSwing, .bigKneeDrive])
        let advanced = try builder().plan(
            for: Fixtures.manyFaults, profile: RunnerProfile(experience: .advanced), weeks: 4, startDate: Fixtures.monday)
        #expect(advanced.focus.map(\.fault) == [.lowCadence, .waistBend, .pushOff, .bigArmSwing])
    }

    @Test func theLowerCrossedBlockIsAlwaysThere() throws {
        let plan = try builder().plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 8, startDate: Fixtures.monday)
        let library = try Fixtures.library()
        let used = plan.weeks.flatMap(\.sessions).flatMap(\.items).compactMap { library.entry(id: $0.entryID) }
        #expect(used.contains { $0.kind == .strength && $0.blocks.contains(.lowerCrossed) })
        #expect(used.contains { $0.kind == .mobility && $0.blocks.contains(.lowerCrossed) })
    }

    // MARK: - Volume

    @Test(arguments: Experience.allCases, [nil, 10, 25, 45, 60, 100, 150, 600] as [Int?])
    func volumeStaysWithinTheCapsAndTheProgressionRule(experience: Experience, weeklyMinutes: Int?) throws {
        let profile = RunnerProfile(experience: experience, weeklyMinutes: weeklyMinutes, footwear: .cushioned)
        let plan = try builder().plan(for: Fixtures.manyFaults, profile: profile, weeks: 16, startDate: Fixtures.monday)
        let limits = ExperienceLimits.for(experience)
        let cap = Double(min(weeklyMinutes ?? limits.maxWeeklyMinutes, limits.maxWeeklyMinutes))
        #expect(plan.weeklyCapMinutes == Int(cap))
        var lastFull: PlanWeek?
        for week in plan.weeks {
            let total = week.sessions.reduce(0) { $0 + $1.minutes }
            #expect(abs(total - week.totalMinutes) < 1e-6)
            #expect(total <= cap + 1e-6, "week \(week.number): \(total) min over the cap \(cap)")
            #expect(week.sessions.count <= limits.sessionsPerWeek)
            for session in week.sessions {
                #expect(session.minutes <= Double(limits.maxSessionMinutes) + 1e-6, "week \(week.number) session too long")
            }
            #expect(week.isLighter == (week.number % 4 == 0))
            if let previous = lastFull {
                // ≤ 10 % growth over the last full week; barefoot ≤ max(10 %, 2 min).
                #expect(week.drillMinutes <= previous.drillMinutes * 1.10 + 1e-6, "week \(week.number) drills grew too fast")
                let step = max(Int(Double(previous.barefootMinutes) * 0.10), 2)
                #expect(week.barefootMinutes <= previous.barefootMinutes + step, "week \(week.number) barefoot grew too fast")
                if week.isLighter {
                    #expect(week.drillMinutes < previous.drillMinutes + 1e-6)
                    #expect(week.barefootMinutes <= previous.barefootMinutes)
                }
            } else {
                #expect(week.totalMinutes <= 0.6 * cap + 1e-6, "week 1 starts at most at 60 % of the cap")
            }
            if !week.isLighter { lastFull = week }
        }
    }

    @Test func barefootStartsTinyForCushionedShoes() throws {
        let plan = try builder().plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(footwear: .cushioned), weeks: 8, startDate: Fixtures.monday)
        #expect(plan.barefoot.included)
        #expect(plan.weeks[0].barefootMinutes == 5)  // the library's start for cushioned shoes
        #expect(plan.weeks[1].barefootMinutes == 7)  // + 2 min (10 % of 5 is under the 2-minute step)
    }

    // MARK: - Safety

    @Test(arguments: ["sore Achilles", "plantar fasciitis last year", "knee pain"])
    func painOrInjuryMeansNoBarefoot(injury: String) throws {
        let plan = try builder().plan(
            for: Fixtures.heelStrikeThenOverstride,
            profile: RunnerProfile(experience: .advanced, footwear: .minimal, injuries: [injury]), weeks: 12,
            startDate: Fixtures.monday)
        #expect(!plan.barefoot.included)
        #expect(plan.barefoot.reason.contains("pain or injury"))
        #expect(plan.weeks.allSatisfy { $0.barefootMinutes == 0 })
        #expect(!plan.weeks.flatMap(\.sessions).flatMap(\.items).contains { $0.kind == .barefoot })
        #expect(plan.warnings.first?.contains(injury) == true)
        #expect(PlanMarkdownRenderer.render(plan).contains("Left out: you reported pain or injury"))
    }

    @Test func answeringNoneIsNotAnInjury() throws {
        let plan = try builder().plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(injuries: ["none", " "]), weeks: 4,
            startDate: Fixtures.monday)
        #expect(plan.barefoot.included)
    }

    @Test func everyPlanSaysItIsNotMedicalAdvice() throws {
        let plan = try builder().plan(for: Fixtures.allGood, profile: RunnerProfile(), weeks: 2, startDate: Fixtures.monday)
        #expect(plan.disclaimer.contains("not medical advice"))
        #expect(PlanMarkdownRenderer.render(plan).contains("Not medical advice"))
    }

    // MARK: - Plans when nothing can be judged

    @Test func notRunningGivesALabelledGeneralBasePlan() throws {
        let running = RunningCheck(isRunning: false, reason: "no flight phases; duty factor 62 %")
        let plan = try builder().plan(
            for: Fixtures.heelStrikeThenOverstride, running: running, profile: RunnerProfile(), weeks: 4,
            startDate: Fixtures.monday)
        #expect(plan.kind == .generalBase)
        #expect(plan.focus.isEmpty)
        #expect(plan.kindReason.contains("no running") && plan.kindReason.contains("duty factor 62 %"))
        #expect(plan.title.contains("general base"))
        #expect(plan.retests.allSatisfy { $0.expectations.isEmpty && $0.instructions.contains("running (not walking)") })
        let markdown = PlanMarkdownRenderer.render(plan)
        #expect(markdown.contains("General base plan - not built on your running"))
        // Still a useful base: Pose fundamentals first.
        #expect(plan.weeks[0].sessions[0].items.first?.entryID == "pose_stance")
    }

    @Test func noMeasurableCriterionGivesAGeneralBasePlan() throws {
        let plan = try builder().plan(for: Fixtures.nothingMeasurable, profile: RunnerProfile(), weeks: 4, startDate: Fixtures.monday)
        #expect(plan.kind == .generalBase)
        #expect(plan.kindReason.contains("could be measured"))
    }

    @Test func noFaultsGivesAMaintenancePlan() throws {
        let plan = try builder().plan(for: Fixtures.allGood, profile: RunnerProfile(), weeks: 4, startDate: Fixtures.monday)
        #expect(plan.kind == .maintenance)
        #expect(plan.retests.last?.expectations.allSatisfy { $0.change.contains("stay") } == true)
    }

    @Test func planFromAnAnalysisUsesItsRunningVerdictAndWarnings() throws {
        let analysis = Analysis(
            input: InputDescription(
                name: "walk.mp4", sourceKind: .video, frameRate: 30, frameCount: 90, durationSeconds: 3, lengthUnit: .legLengths,
                directionOfTravel: 1, setting: .overground, centreOfMassMethod: .midHipForMissingLandmarks),
            running: RunningCheck(isRunning: false, reason: "walking: double support seen"),
            events: [], steps: [], summary: [:],
            footStrikePattern: FootStrikePattern(pattern: nil, counts: [:], note: ""),
            assessment: Fixtures.nothingMeasurable,
            quality: DataQuality(
                frames: 90, framesWithConfidentPose: 80, interpolatedSamples: 0, swapsCorrected: 0, missingLandmarks: [],
                filterCutoffHz: 6, findings: []))
        let plan = try builder().plan(
            for: analysis, warnings: ["frame rate below 60 fps"], profile: RunnerProfile(), weeks: 4, startDate: Fixtures.monday)
        #expect(plan.kind == .generalBase)
        #expect(plan.kindReason.contains("walking: double support seen"))
        #expect(plan.warnings == ["frame rate below 60 fps"])
    }

    // MARK: - Re-tests

    @Test func retestsEveryFourWeeksAndAtTheEnd() throws {
        let twelve = try builder().plan(for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 12, startDate: Fixtures.monday)
        #expect(twelve.retests.map(\.week) == [4, 8, 12])
        let ten = try builder().plan(for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 10, startDate: Fixtures.monday)
        #expect(ten.retests.map(\.week) == [4, 8, 10])
        let three = try builder().plan(for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 3, startDate: Fixtures.monday)
        #expect(three.retests.map(\.week) == [3])
    }

    @Test func retestsSayWhichWayTheWorkedOnCriteriaShouldMove() throws {
        let plan = try builder().plan(for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 8, startDate: Fixtures.monday)
        let expectations = try #require(plan.retests.first?.expectations)
        // Heel strike measured 15 against a target below 8: it should fall.
        let heel = try #require(expectations.first { $0.criterion == .noHeelStrike })
        #expect(heel.change.hasPrefix("should fall from 15.0"))
        #expect(heel.measured == 15)
        let lean = try #require(expectations.first { $0.criterion == .leanFromAnkles })
        #expect(lean.change == "should stay within the target")
        // The re-test falls in the lighter week 4: Saturday of that week.
        #expect(plan.retests.first?.date == CalendarDate(year: 2026, month: 12, day: 26))
    }

    // MARK: - Options and data

    @Test func outOfRangeOptionsAreRejectedWithAReason() throws {
        let b = try builder()
        #expect(throws: PlanError.weeksOutOfRange(0)) {
            _ = try b.plan(for: Fixtures.allGood, profile: RunnerProfile(), weeks: 0, startDate: Fixtures.monday)
        }
        #expect(throws: PlanError.weeklyMinutesOutOfRange(5)) {
            _ = try b.plan(for: Fixtures.allGood, profile: RunnerProfile(weeklyMinutes: 5), weeks: 4, startDate: Fixtures.monday)
        }
        #expect(PlanError.weeksOutOfRange(99).description.contains("1 to 52"))
    }

    @Test func planRoundTripsThroughJSON() throws {
        let plan = try builder().plan(for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 6, startDate: Fixtures.monday)
        let data = try JSONEncoder().encode(plan)
        let decoded = try JSONDecoder().decode(CoachingPlan.self, from: data)
        #expect(decoded == plan)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"start_date\":\"2026-11-30\""))
    }

    @Test func sessionsFallOnTheirDaysFromTheStart() throws {
        let plan = try builder().plan(for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(experience: .beginner), weeks: 2, startDate: Fixtures.monday)
        // Beginner: three sessions, Monday, Wednesday, Friday.
        #expect(plan.weeks[1].sessions.map(\.date.iso) == ["2026-12-07", "2026-12-09", "2026-12-11"])
        #expect(plan.weeks[1].sessions.map(\.date.weekdayName) == ["Mon", "Wed", "Fri"])
    }
}

@Suite("Injury screen")
struct InjuryScreenTests {
    @Test func reportedBodyPartsAreFoundIncludingCommonWords() {
        #expect(InjuryScreen(injuries: ["Sore Achilles tendon"]).affected == ["achilles"])
        #expect(InjuryScreen(injuries: ["plantar fasciitis"]).affected == ["heel", "arch", "foot"])
        #expect(InjuryScreen(injuries: ["tight calves", "knees ache"]).affected == ["calf", "knee"])
        #expect(InjuryScreen(injuries: ["none"]).affected.isEmpty)
    }

    @Test func entriesThatSayNotWithThatPainAreLeftOut() throws {
        let plan = try PlanBuilder(library: Fixtures.library()).plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(injuries: ["sore Achilles"]), weeks: 4,
            startDate: Fixtures.monday)
        let library = try Fixtures.library()
        let used = plan.weeks.flatMap(\.sessions).flatMap(\.items).compactMap { library.entry(id: $0.entryID) }
        // Nothing in the plan says "not with Achilles pain"…
        #expect(!used.contains { $0.contraindications.contains { $0.lowercased().contains("achilles") } })
        // …the left-out list says what went and why…
        #expect(plan.leftOut.contains { $0.entryID == "pony" && $0.reason.contains("achilles") })
        // …and heel strike still gets drills, the next ones in rank.
        #expect(plan.focus.first?.fault == .heelStrike)
        #expect(plan.focus.first?.drillIDs.isEmpty == false)
    }

    @Test func noInjuryLeavesEverythingIn() throws {
        let plan = try PlanBuilder(library: Fixtures.library()).plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 4, startDate: Fixtures.monday)
        #expect(plan.leftOut.isEmpty)
    }
}

@Suite("Markdown")
struct MarkdownTests {
    @Test func everyEntryInThePlanShowsItsSourceAndSafetyNotes() throws {
        let plan = try PlanBuilder(library: Fixtures.library()).plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(), weeks: 8, startDate: Fixtures.monday)
        let markdown = PlanMarkdownRenderer.render(plan)
        #expect(!plan.entries.isEmpty)
        for entry in plan.entries {
            #expect(markdown.contains("### \(entry.name) (\(entry.kind.title))"))
            for source in entry.sources { #expect(markdown.contains(source.citation)) }
            #expect(markdown.contains("*Not if:* " + entry.contraindications.joined(separator: "; ")))
        }
        for focus in plan.focus {
            for id in focus.drillIDs { #expect(markdown.contains(try #require(plan.entry(id: id)).name)) }
        }
        #expect(markdown.contains("general training practice, not the result of a study"))
        #expect(markdown.contains("**Stop rules**"))
    }
}
