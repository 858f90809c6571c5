import Foundation
import PoseRunCore

/// Writes a plan as Markdown a runner can read, print or paste.
public enum PlanMarkdownRenderer {
    /// The whole plan: summary, rules, barefoot, weeks, re-tests, then how to do each entry.
    public static func render(_ plan: CoachingPlan) -> String {
        var md: [String] = []
        md.append("# \(plan.title)")
        md.append("")
        md.append("> **Not medical advice.** \(plan.disclaimer)")
        md.append("")
        if plan.kind == .generalBase { md.append("**General base plan - not built on your running.**") ; md.append("") }
        md.append(plan.kindReason)
        md.append("")
        for warning in plan.warnings { md.append("- ⚠️ \(warning)") }
        if !plan.warnings.isEmpty { md.append("") }

        md.append("## You")
        md.append("")
        let profile = plan.profile
        md.append("- Experience: \(profile.experience.rawValue) - up to \(plan.limits.sessionsPerWeek) sessions a week of at most \(plan.limits.maxSessionMinutes) min")
        md.append("- Weekly minutes for this plan: \(plan.weeklyCapMinutes)" + (profile.weeklyMinutes.map { $0 > plan.weeklyCapMinutes ? " (you offered \($0); capped for your experience)" : "" } ?? " (experience default)"))
        md.append("- Footwear: \(profile.footwear.rawValue)")
        md.append("- Pain or injury reported: " + (profile.reportsPainOrInjury ? profile.reportedInjuries.joined(separator: "; ") : "none"))
        md.append("- Starts: \(plan.startDate.weekdayName) \(plan.startDate.iso)")
        md.append("")

        if !plan.focus.isEmpty {
            md.append("## What this plan works on")
            md.append("")
            md.append("| # | Fault | Criterion | Found | Drills | Support |")
            md.append("|---|---|---|---|---|---|")
            for focus in plan.focus {
                let drills = focus.drillIDs.isEmpty
                    ? "none suitable with the problem you reported - ask a coach or physiotherapist"
                    : focus.drillIDs.map { name(plan, $0) }.joined(separator: ", ")
                let support = focus.supportIDs.map { name(plan, $0) }.joined(separator: ", ")
                md.append("| \(focus.priority) | \(focus.fault.rawValue) | \(cell(focus.criterionTitle)) (\(focus.status.rawValue)) | \(cell(focus.finding)) | \(drills) | \(support) |")
            }
            md.append("")
            if !plan.deferredFaults.isEmpty {
                md.append("Also found, left for after a re-test so as not to work on too much at once: \(plan.deferredFaults.map(\.rawValue).joined(separator: ", ")).")
                md.append("")
            }
        }
        if !plan.leftOut.isEmpty {
            md.append("Left out because of the pain or injury you reported:")
            md.append("")
            for entry in plan.leftOut { md.append("- \(entry.name): \(entry.reason)") }
            md.append("")
        }
        md.append("Every plan also has a corrective block for the *lower-crossed* pattern that long sitting gives (tight quads, hip flexors and calves; weak glutes, core and hamstrings): strength for the weak side, mobility for the tight side.")
        md.append("")

        md.append("## How the load grows")
        md.append("")
        for statement in plan.rule.statements { md.append("- \(statement)") }
        md.append("")

        md.append("## Barefoot")
        md.append("")
        md.append(plan.barefoot.reason)
        md.append("")
        if plan.barefoot.included {
            md.append("**Stop rules** - check before every barefoot session:")
            md.append("")
            md.append("| Warning sign | What to do | See a professional |")
            md.append("|---|---|---|")
            for rule in plan.barefoot.stopRules { md.append("| \(cell(rule.sign)) | \(cell(rule.action)) | \(cell(rule.seeProfessional)) |") }
            md.append("")
        }
        md.append("Sources: " + plan.barefoot.sources.map { "\($0.citation) [\($0.basis.title)]" }.joined(separator: "; "))
        md.append("")

        md.append("## Week by week")
        md.append("")
        for week in plan.weeks {
            var heading = "### Week \(week.number) - from \(week.startDate.weekdayName) \(week.startDate.iso) - about \(Int(week.totalMinutes.rounded())) min"
            if week.isLighter { heading += " (lighter week)" }
            md.append(heading)
            md.append("")
            for note in week.notes { md.append("*\(note)*") ; md.append("") }
            for session in week.sessions {
                md.append("- **\(session.date.weekdayName) \(session.date.iso) - \(session.kind.title)** (about \(Int(session.minutes.rounded())) min)")
                for item in session.items {
                    let progress = item.mayProgress ? " - may use the harder version" : ""
                    md.append("  - \(item.name): \(item.dose)\(progress)")
                }
            }
            md.append("")
        }

        md.append("## Re-tests: film again")
        md.append("")
        for retest in plan.retests {
            md.append("### Week \(retest.week) - \(retest.date.weekdayName) \(retest.date.iso)")
            md.append("")
            md.append(retest.instructions)
            md.append("")
            if !retest.expectations.isEmpty {
                md.append("| Criterion | Metric | Now | Target | Expect |")
                md.append("|---|---|---|---|---|")
                for e in retest.expectations {
                    let now = e.measured.map { String(format: "%.1f %@", $0, e.unit.rawValue) } ?? "-"
                    let basis = e.targetBasis == .heuristic ? " (heuristic)" : ""
                    md.append("| \(cell(e.title)) | `\(e.metric)` | \(now) | \(cell(e.target))\(basis) | \(cell(e.change)) |")
                }
                md.append("")
            }
        }

        md.append("## What studies of Pose runners saw")
        md.append("")
        for note in plan.studyNotes { md.append("- \(note)") }
        md.append("")

        md.append("## The drills and exercises")
        md.append("")
        for entry in plan.entries {
            md.append("### \(entry.name) (\(entry.kind.title))")
            md.append("")
            if !entry.faults.isEmpty { md.append("*Works on:* \(entry.faults.map(\.rawValue).joined(separator: ", "))") ; md.append("") }
            md.append("*Why:* \(entry.why)")
            md.append("")
            md.append("*How:*")
            md.append("")
            for (i, step) in entry.how.steps.enumerated() { md.append("\(i + 1). \(step)") }
            md.append("")
            md.append("*Cues:* " + entry.how.cues.map { "\"\($0)\"" }.joined(separator: " · "))
            md.append("")
            md.append("*Full dose:* \(entry.dose.text)")
            md.append("")
            md.append("*Progress:* \(entry.progress)")
            md.append("")
            md.append("*Regress:* \(entry.regress)")
            md.append("")
            md.append("*Not if:* " + entry.contraindications.joined(separator: "; "))
            md.append("")
            md.append("*Source:* " + entry.sources.map { "\($0.citation) [\($0.basis.title)]" }.joined(separator: "; "))
            md.append("")
        }
        return md.joined(separator: "\n")
    }

    static func name(_ plan: CoachingPlan, _ id: String) -> String { plan.entry(id: id)?.name ?? id }

    /// Text safe inside a Markdown table cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
