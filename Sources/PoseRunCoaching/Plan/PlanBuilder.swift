import Foundation
public import PoseRunCore

/// Builds a week-by-week plan from an assessment, the drill library and the runner's profile.
///
/// Selection: faults in the assessment's priority order, drills that name the fault earliest first.
/// Load: `ProgressionRule` (general practice) under the caps of `ExperienceLimits`.
/// Details and reasons: docs/coaching.md.
public struct PlanBuilder: Sendable {
    public var library: DrillLibrary
    public var rule: ProgressionRule

    /// A session shorter than this is not planned: below it a session cannot hold a warm drill and its rest
    /// (heuristic, general practice).
    public static let minimumSessionMinutes = 10

    /// Faults whose first drills make a general base plan: Pose (waist bend, heel strike), Pull (weak pull),
    /// Fall (no forward lean), then holding it all together (changing body angle) - the method's cycle.
    public static let baseFaultOrder: [Fault] = [.waistBend, .heelStrike, .weakPull, .noForwardLean, .changingBodyAngle]

    public init(library: DrillLibrary, rule: ProgressionRule = .standard) {
        self.library = library
        self.rule = rule
    }

    /// A plan for the runner in an analysis. `warnings`: the analysis's quality findings in words
    /// (`QualityFindingText.sentences` in PoseRunReport), which the plan repeats at its top.
    public func plan(
        for analysis: Analysis, warnings: [String], profile: RunnerProfile, weeks: Int, startDate: CalendarDate
    ) throws(PlanError) -> CoachingPlan {
        try plan(
            for: analysis.assessment, running: analysis.running, profile: profile, weeks: weeks,
            startDate: startDate, warnings: warnings)
    }

    /// A plan from an assessment; `running` is the analysis's verdict on whether the input shows running.
    public func plan(
        for assessment: Assessment, running: RunningCheck? = nil, profile: RunnerProfile, weeks: Int,
        startDate: CalendarDate, warnings: [String] = []
    ) throws(PlanError) -> CoachingPlan {
        guard PlanError.weekRange.contains(weeks) else { throw .weeksOutOfRange(weeks) }
        if let minutes = profile.weeklyMinutes, !PlanError.weeklyMinutesRange.contains(minutes) {
            throw .weeklyMinutesOutOfRange(minutes)
        }
        let screen = InjuryScreen(injuries: profile.reportedInjuries)
        var leftOut: [LeftOutEntry] = []
        var screened = library
        screened.entries = library.entries.filter { entry in
            guard let part = screen.conflict(with: entry) else { return true }
            // Barefoot work is already out for anyone reporting pain or injury; no need to list it twice.
            if entry.kind != .barefoot {
                let rule = entry.contraindications.first { $0.lowercased().contains(part) } ?? part
                leftOut.append(LeftOutEntry(
                    entryID: entry.id, name: entry.name, reason: "its \"Not if\" (\(rule)) matches the \(part) problem you reported"))
            }
            return false
        }
        return try PlanBuilder(library: screened, rule: rule).screenedPlan(
            for: assessment, running: running, profile: profile, weeks: weeks, startDate: startDate, warnings: warnings,
            leftOut: leftOut)
    }

    /// The plan once entries the runner's injuries rule out are removed from the library.
    func screenedPlan(
        for assessment: Assessment, running: RunningCheck?, profile: RunnerProfile, weeks: Int,
        startDate: CalendarDate, warnings: [String], leftOut: [LeftOutEntry]
    ) throws(PlanError) -> CoachingPlan {
        let limits = ExperienceLimits.for(profile.experience)
        let cap = min(profile.weeklyMinutes ?? limits.maxWeeklyMinutes, limits.maxWeeklyMinutes)
        let sessionCount = min(limits.sessionsPerWeek, max(1, cap / Self.minimumSessionMinutes))

        // What kind of plan, and on which faults.
        let measurable = assessment.criteria.filter { $0.status != .notMeasurable }
        var faults: [Fault] = []
        for fault in assessment.faultsByPriority where !faults.contains(fault) { faults.append(fault) }
        let kind: PlanKind
        let kindReason: String
        if let running, !running.isRunning {
            kind = .generalBase
            kindReason = "PoseRun found no running in the input (\(running.reason)), so nothing about your stride "
                + "could be judged. This is a general base plan of Pose fundamentals, strength and mobility - not a plan "
                + "built on your running. Film yourself running side-on and run `poserun plan` again for a tailored plan."
        } else if measurable.isEmpty {
            kind = .generalBase
            let reasons = assessment.criteria.prefix(3).map { "\($0.title): \($0.finding)" }.joined(separator: "; ")
            kindReason = "None of the Pose Method criteria could be measured in this input"
                + (reasons.isEmpty ? "" : " (\(reasons))")
                + ". This is a general base plan, not one built on your running. Film a clearer side view and run `poserun plan` again."
        } else if faults.isEmpty {
            kind = .maintenance
            kindReason = "The assessment found no faults in the \(measurable.count) criteria it could measure. "
                + "This plan keeps the technique sharp and builds the strength and mobility the lower-crossed pattern calls for."
        } else {
            kind = .tailored
            let shown = min(faults.count, limits.faultsInFocus)
            kindReason = "Built on the \(faults.count) fault(s) the assessment found, most important first; "
                + "working on \(shown) at a time (\(profile.experience.rawValue) level)."
        }
        let focusFaults = kind == .tailored ? Array(faults.prefix(limits.faultsInFocus)) : []
        let deferred = kind == .tailored ? Array(faults.dropFirst(limits.faultsInFocus)) : []

        // Drills.
        var drills: [LibraryEntry] = []
        var focus: [FaultFocus] = []
        for (index, fault) in focusFaults.enumerated() {
            var chosen: [String] = []
            let ranked = rankedEntries(.poseDrill, for: fault)
            for drill in ranked where chosen.count < limits.drillsPerFault {
                if drills.contains(where: { $0.id == drill.id }) { chosen.append(drill.id); continue }
                guard drills.count < limits.maxDrillsPerSession else { break }
                drills.append(drill)
                chosen.append(drill.id)
            }
            let criterion = assessment.criteria.first { $0.fault == fault }
            let support = (rankedEntries(.strength, for: fault) + rankedEntries(.mobility, for: fault)).prefix(2).map(\.id)
            focus.append(FaultFocus(
                priority: index + 1, fault: fault, criterion: fault.criterion,
                criterionTitle: criterion?.title ?? fault.criterion.rawValue,
                finding: criterion?.finding ?? "", status: criterion?.status ?? .fault,
                drillIDs: chosen, supportIDs: Array(support)))
        }
        if kind != .tailored {
            for fault in Self.baseFaultOrder where drills.count < limits.maxDrillsPerSession {
                if let drill = rankedEntries(.poseDrill, for: fault).first(where: { d in !drills.contains { $0.id == d.id } }) {
                    drills.append(drill)
                }
            }
        }

        // Barefoot.
        let barefoot = barefootDecision(for: profile)

        // Strength and mobility: fault-linked strength in every strength session; the lower-crossed block
        // rotates through the free slots; mobility for the tight side every time.
        let mobilitySlots = limits.maxExercisesPerSession >= 7 ? 3 : 2
        var fixedStrength: [LibraryEntry] = []
        for fault in focusFaults {
            if let entry = rankedEntries(.strength, for: fault).first(where: { e in !fixedStrength.contains { $0.id == e.id } }),
               fixedStrength.count < limits.maxExercisesPerSession - mobilitySlots - 1 {
                fixedStrength.append(entry)
            }
        }
        var rotatingStrength = library.entries(of: .strength, in: .lowerCrossed).filter { e in !fixedStrength.contains { $0.id == e.id } }
        if focusFaults.contains(.heelStrike) || barefoot.included {
            rotatingStrength += library.entries(of: .strength, in: .footAndCalf).filter { e in
                !fixedStrength.contains { $0.id == e.id } && !rotatingStrength.contains { $0.id == e.id }
            }
        }
        var mobility: [LibraryEntry] = []
        for entry in focusFaults.flatMap({ rankedEntries(.mobility, for: $0) }) + library.entries(of: .mobility, in: .lowerCrossed)
        where mobility.count < mobilitySlots && !mobility.contains(where: { $0.id == entry.id }) {
            mobility.append(entry)
        }
        let freeStrengthSlots = max(0, limits.maxExercisesPerSession - mobilitySlots - fixedStrength.count)

        // Weeks.
        let pattern = Self.sessionPattern(count: sessionCount)
        let offsets = Self.dayOffsets(count: sessionCount)
        let barefootCap = min(library.barefootProgression.maxMinutesPerWeek, Int((rule.maxBarefootShare * Double(cap)).rounded(.down)))
        var lastFullDrill: Double?
        var lastFullBarefoot: Int?
        var planWeeks: [PlanWeek] = []
        for number in 1...weeks {
            let lighter = number > 1 && rule.isLighterWeek(number)
            let block = (number - 1) / max(rule.lighterWeekEvery, 1) + 1
            let weekStart = startDate.adding(days: 7 * (number - 1))

            var barefootMinutes = 0
            if barefoot.included {
                if let previous = lastFullBarefoot {
                    let step = max(Int((rule.maxWeeklyGrowth * Double(previous)).rounded(.down)), rule.minimumBarefootStepMinutes)
                    barefootMinutes = lighter
                        ? Int((rule.lighterWeekFraction * Double(previous)).rounded(.down))
                        : min(barefootCap, previous + step)
                } else {
                    barefootMinutes = min(barefootCap, barefoot.startMinutesPerWeek)
                }
            }
            let drillBudget: Double
            if let previous = lastFullDrill {
                drillBudget = lighter
                    ? rule.lighterWeekFraction * previous
                    : min(Double(cap - barefootMinutes), (1 + rule.maxWeeklyGrowth) * previous)
            } else {
                drillBudget = max(0, rule.firstWeekFraction * Double(cap) - Double(barefootMinutes))
            }
            let perSession = drillBudget / Double(sessionCount)

            let techniqueCount = pattern.filter { $0 == .technique }.count
            let stage = barefootMinutes > 0 ? library.barefootProgression.stage(forMinutesPerWeek: barefootMinutes) : nil
            var sessions: [PlanSession] = []
            var techniqueIndex = 0
            var strengthIndex = 0
            let strengthSessionsPerWeek = pattern.filter { $0 == .strengthAndMobility }.count
            for (slot, sessionKind) in pattern.enumerated() {
                let date = weekStart.adding(days: offsets[slot])
                var items: [PlanItem] = []
                switch sessionKind {
                case .technique:
                    var barefootHere = 0
                    if barefootMinutes > 0 {
                        barefootHere = barefootMinutes / techniqueCount + (techniqueIndex < barefootMinutes % techniqueCount ? 1 : 0)
                    }
                    let budget = min(perSession, Double(limits.maxSessionMinutes - barefootHere))
                    items = fill(drills, budget: budget, mayProgress: block > 1)
                    if barefootHere > 0, let stage, let first = stage.entryIDs.first {
                        items.append(PlanItem(
                            entryID: first, name: "Barefoot: \(stage.activity)", kind: .barefoot, sets: 1,
                            dose: "\(barefootHere) min barefoot - \(stage.surfaces)", minutes: Double(barefootHere),
                            mayProgress: false))
                    }
                    techniqueIndex += 1
                case .strengthAndMobility:
                    var strength = fixedStrength
                    if !rotatingStrength.isEmpty && freeStrengthSlots > 0 {
                        let start = ((block - 1) * strengthSessionsPerWeek + strengthIndex) * freeStrengthSlots
                        for k in 0..<min(freeStrengthSlots, rotatingStrength.count) {
                            strength.append(rotatingStrength[(start + k) % rotatingStrength.count])
                        }
                    }
                    var ordered: [LibraryEntry] = []
                    for k in 0..<max(strength.count, mobility.count) {
                        if k < strength.count { ordered.append(strength[k]) }
                        if k < mobility.count { ordered.append(mobility[k]) }
                    }
                    items = fill(ordered, budget: min(perSession, Double(limits.maxSessionMinutes)), mayProgress: block > 1)
                    strengthIndex += 1
                }
                if !items.isEmpty { sessions.append(PlanSession(date: date, kind: sessionKind, items: items)) }
            }
            let drillMinutes = sessions.flatMap(\.items).filter { $0.kind != .barefoot }.reduce(0) { $0 + $1.minutes }
            if !lighter {
                lastFullDrill = drillMinutes
                lastFullBarefoot = barefootMinutes
            }
            planWeeks.append(PlanWeek(
                number: number, startDate: weekStart, isLighter: lighter, block: block, sessions: sessions,
                drillMinutes: drillMinutes, barefootMinutes: barefootMinutes, barefootStage: stage,
                notes: weekNotes(number: number, lighter: lighter, block: block, barefootMinutes: barefootMinutes, profile: profile)))
        }

        // Entries used, in order of first use.
        var used: [LibraryEntry] = []
        func use(_ id: String) {
            if !used.contains(where: { $0.id == id }), let entry = library.entry(id: id) { used.append(entry) }
        }
        for week in planWeeks {
            for item in week.sessions.flatMap(\.items) {
                if item.kind == .barefoot { week.barefootStage?.entryIDs.forEach(use) } else { use(item.entryID) }
            }
        }
        // Everything the focus table names, so it can show names rather than ids.
        for f in focus { (f.drillIDs + f.supportIDs).forEach(use) }

        var allWarnings = warnings
        if profile.reportsPainOrInjury {
            allWarnings.insert(
                "You reported pain or injury (\(profile.reportedInjuries.joined(separator: "; "))). Have a doctor or "
                    + "physiotherapist check it and clear these exercises before you start; skip anything listed under "
                    + "\"Not if\" for your problem.", at: 0)
        }

        let title = kind == .generalBase
            ? "PoseRun coaching plan: \(weeks)-week general base plan (not tailored)"
            : "PoseRun coaching plan: \(weeks) weeks (\(kind == .tailored ? "tailored to your faults" : "maintenance"))"
        return CoachingPlan(
            title: title, kind: kind, kindReason: kindReason, disclaimer: Self.disclaimer, profile: profile,
            limits: limits, rule: rule, weeklyCapMinutes: cap, startDate: startDate, focus: focus,
            deferredFaults: deferred, barefoot: barefoot, weeks: planWeeks,
            retests: retests(weeks: planWeeks, assessment: assessment, kind: kind, focus: focusFaults),
            entries: used, leftOut: leftOut, studyNotes: Self.studyNotes, warnings: allWarnings)
    }

    // MARK: - Selection

    /// Entries of a kind that address a fault, those naming it earliest in their list first, then in file order.
    func rankedEntries(_ kind: EntryKind, for fault: Fault) -> [LibraryEntry] {
        library.entries(of: kind, addressing: fault).enumerated()
            .sorted { a, b in
                let ra = a.element.faults.firstIndex(of: fault) ?? .max, rb = b.element.faults.firstIndex(of: fault) ?? .max
                return (ra, a.offset) < (rb, b.offset)
            }
            .map(\.element)
    }

    /// Sets per entry within a time budget: one set each in priority order, then a second each, and so on,
    /// up to each entry's full dose. The total never exceeds the budget.
    func fill(_ entries: [LibraryEntry], budget: Double, mayProgress: Bool) -> [PlanItem] {
        var sets = Array(repeating: 0, count: entries.count)
        var total = 0.0
        var changed = true
        while changed {
            changed = false
            for (i, entry) in entries.enumerated() where sets[i] < entry.dose.sets {
                let cost = entry.dose.minutesPerSet
                if total + cost <= budget + 1e-9 {
                    sets[i] += 1
                    total += cost
                    changed = true
                }
            }
        }
        return entries.enumerated().compactMap { i, entry in
            guard sets[i] > 0 else { return nil }
            return PlanItem(
                entryID: entry.id, name: entry.name, kind: entry.kind, sets: sets[i], dose: entry.dose.text(sets: sets[i]),
                minutes: Double(sets[i]) * entry.dose.minutesPerSet, mayProgress: mayProgress)
        }
    }

    func barefootDecision(for profile: RunnerProfile) -> BarefootDecision {
        let progression = library.barefootProgression
        if profile.reportsPainOrInjury {
            return BarefootDecision(
                included: false,
                reason: "Left out: you reported pain or injury. Barefoot work puts new load on the feet, calves and "
                    + "Achilles; start it only once the problem has settled and a professional has cleared you.",
                startMinutesPerWeek: 0, stopRules: progression.stopRules, sources: progression.sources)
        }
        let start: Int
        let reason: String
        switch profile.footwear {
        case .cushioned:
            start = progression.startMinutesPerWeek.cushioned
            reason = "Included, starting tiny: your feet and calves are used to cushioned shoes."
        case .minimal:
            start = progression.startMinutesPerWeek.minimal
            reason = "Included, starting small: minimal shoes have prepared your feet a little."
        case .barefoot:
            start = progression.startMinutesPerWeek.barefoot
            reason = "Included: you already run barefoot, so the plan keeps your barefoot time growing slowly."
        }
        return BarefootDecision(
            included: true, reason: reason + " Stop and back off at the warning signs below.",
            startMinutesPerWeek: start, stopRules: progression.stopRules, sources: progression.sources)
    }

    // MARK: - Scheduling

    /// Session kinds for a week: technique first, alternating with strength and mobility.
    static func sessionPattern(count: Int) -> [SessionKind] {
        (0..<count).map { $0 % 2 == 0 ? .technique : .strengthAndMobility }
    }

    /// Days after the week's start for each session, spread to leave rest days between them.
    static func dayOffsets(count: Int) -> [Int] {
        switch count {
        case 1: return [0]
        case 2: return [0, 3]
        case 3: return [0, 2, 4]
        case 4: return [0, 1, 3, 5]
        default: return Array([0, 1, 3, 4, 5, 6, 2].prefix(count))
        }
    }

    func weekNotes(number: Int, lighter: Bool, block: Int, barefootMinutes: Int, profile: RunnerProfile) -> [String] {
        var notes: [String] = []
        if number == 1 {
            notes.append("Learn each drill slowly, in front of a mirror or on video; quality before quantity.")
            if profile.reportsPainOrInjury { notes.append("Before starting: have your reported pain or injury checked by a professional.") }
        }
        if lighter {
            notes.append("Lighter week: less volume so the body can adapt. Film your re-test this week.")
        } else if block > 1 && (number - 1) % max(rule.lighterWeekEvery, 1) == 0 {
            notes.append("New block: where last block's drills felt easy and pain-free, use their harder version (\"Progress\"); anything that hurt goes back to \"Regress\".")
        }
        if barefootMinutes > 0 { notes.append("Barefoot: \(barefootMinutes) min this week. Check the stop rules before each session.") }
        return notes
    }

    // MARK: - Re-tests

    func retests(weeks: [PlanWeek], assessment: Assessment, kind: PlanKind, focus: [Fault]) -> [Retest] {
        guard let last = weeks.last?.number else { return [] }
        var retestWeeks = stride(from: rule.retestEveryWeeks, through: last, by: max(rule.retestEveryWeeks, 1)).map { $0 }
        if retestWeeks.last != last { retestWeeks.append(last) }
        return retestWeeks.map { number in
            let weekStart = weeks[number - 1].startDate
            let date = weekStart.adding(days: 5)
            if kind == .generalBase {
                return Retest(
                    week: number, date: date,
                    instructions: "Film 10-20 s of yourself running (not walking) at easy pace, from the side, camera still at hip height "
                        + "and square to your path, whole body in view; then run `poserun analyze` and `poserun plan` for a tailored plan.",
                    expectations: [])
            }
            var expectations: [Expectation] = []
            for criterion in assessment.criteria where criterion.status != .notMeasurable {
                let change: String
                if let fault = criterion.fault, criterion.status != .good {
                    change = focus.contains(fault)
                        ? direction(of: criterion)
                        : "not worked on yet (a later block): may not move"
                } else if criterion.status == .good {
                    change = "should stay within the target"
                } else {
                    continue
                }
                expectations.append(Expectation(
                    criterion: criterion.id, title: criterion.title, metric: criterion.metric, unit: criterion.unit,
                    measured: criterion.measured, target: criterion.target.text, targetBasis: criterion.target.basis,
                    change: change))
            }
            let early = number < 12
                ? " Expect a first move, not the whole change: in Dallam et al. 2005 runners learned Pose over 12 weeks."
                : ""
            return Retest(
                week: number, date: date,
                instructions: "Film the same way as the clip analysed: same camera place and height, side view, same speed and shoes, "
                    + "10-20 s of steady running; then run `poserun analyze` on it and compare." + early,
                expectations: expectations)
        }
    }

    func direction(of criterion: Criterion) -> String {
        guard let measured = criterion.measured else { return "should become measurable and reach \(criterion.target.text)" }
        let now = String(format: "%.1f %@", measured, criterion.unit.rawValue)
        if let low = criterion.target.goodLow, measured < low { return "should rise from \(now) toward \(criterion.target.text)" }
        if let high = criterion.target.goodHigh, measured > high { return "should fall from \(now) toward \(criterion.target.text)" }
        return "should move from \(now) well into \(criterion.target.text)"
    }

    // MARK: - Fixed text

    /// Shown at the top of every plan.
    public static let disclaimer =
        "This plan is general coaching information built from a video analysis. It is not medical advice and does not "
        + "diagnose or treat injury. Stop any exercise that causes pain. See a doctor or physiotherapist about pain that "
        + "lasts, pain that makes you limp, or before starting if you have an injury or a medical condition."

    /// What studies of runners taught Pose found (domain brief §2), so the plan promises nothing they did not show.
    public static let studyNotes: [String] = [
        "Arendse et al. 2004, Med Sci Sports Exerc 36:272 (20 heel-toe runners taught Pose): shorter stride, smaller vertical "
            + "oscillation, more knee flexion before contact, lower eccentric knee work and higher eccentric ankle work - "
            + "which is why the plan builds the calves and feet.",
        "Dallam et al. 2005, J Sports Sci 23:757 (8 triathletes, 12 weeks of Pose): stride length 137.25 -> 129.19 cm and "
            + "smaller vertical oscillation than controls, but oxygen cost rose 3.28 -> 3.53 L/min: do not expect better running economy.",
        "Fletcher, Romanov & Bartlett 2008, Int J Sports Sci Coach 3:365 (n=16): changes in stance time and stride frequency; "
            + "2400 m time -24.7 s (not significant); economy unchanged.",
    ]
}
